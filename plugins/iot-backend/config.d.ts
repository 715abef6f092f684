export interface Config {
  /** The IoT portal's backend plugin (`iot`). */
  iot?: {
    images?: {
      /**
       * Bound on an image's upload size and on its decompressed size, in
       * bytes. Default and maximum: 2147483648 (2 GiB). Lower it to test
       * the limit with small files.
       */
      maxBytes?: number;
      /**
       * The default image store: files under a local directory. Ignored
       * when a backend module provides the image store through
       * `iotImageStoreExtensionPoint` (e.g. S3-compatible storage).
       */
      local?: {
        /**
         * Directory that holds the uploaded images; relative paths resolve
         * against the backend's working directory. No default in code:
         * app-config.yaml sets `${PORTAL_DATA_DIR:-../../.data}/images`.
         */
        directory?: string;
      };
    };
    apps?: {
      /**
       * Industries and their scenarios an app is classified by (APP-1),
       * served at `GET /api/iot/app-taxonomy`. Ids are lower-case words
       * joined by dashes (they become catalog tags); `labelZh` is the
       * Chinese label, the English `label` when left out. Setting this
       * replaces the whole list. Default, with a few scenarios each:
       * smart-city (parking, street-lighting, waste-management,
       * environment-monitoring), manufacturing (energy-management,
       * predictive-maintenance, production-monitoring, quality-inspection),
       * energy (smart-metering, grid-monitoring, renewables), agriculture
       * (greenhouse, irrigation, livestock), buildings (hvac,
       * access-control, energy-management), logistics (fleet-tracking,
       * cold-chain, warehousing), health (remote-monitoring,
       * asset-tracking, elderly-care); see src/apps/taxonomy.ts. Apps keep
       * ids that a later list drops; they are checked again when edited.
       */
      industries?: Array<{
        id: string;
        label: string;
        labelZh?: string;
        scenarios: Array<{ id: string; label: string; labelZh?: string }>;
      }>;
    };
    specs?: {
      /**
       * Registry (and organisation) the Kubernetes manifests of a spec
       * (`GET /api/iot/specs/{specId}/exports/kubernetes`) pull the
       * uploaded images from, as `<registry>/<name>:<version>`. Default:
       * `swr.cn-north-4.myhuaweicloud.com/iot-portal`, the portal's SWR
       * organisation (`DEFAULT_IMAGE_REGISTRY` of iot-common).
       */
      registry?: string;
    };
    demo?: {
      /**
       * When the database is empty, seed the demo data through the services:
       * the images (parking-server 1.4.2 for isv-acme, energy-collector
       * 2.0.0 for isv-globex) when there is no image yet, then the apps
       * Smart Parking and Energy Monitor with one spec each whose valid
       * dependency graph deploys those images (a container cluster behind
       * a load balancer; a VM on an elastic IP) when there is no app yet.
       * Default false; app-config.yaml turns it on for local runs.
       */
      seed?: boolean;
    };
  };
}
