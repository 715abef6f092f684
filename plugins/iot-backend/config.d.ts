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
    /** The deployment engine (SPEC-8): test installs of specs, later trials and purchases. */
    deployments?: {
      /**
       * Resources of one instance created or deleted at the same time.
       * Default 10.
       */
      parallelism?: number;
      /**
       * How long an engine's lease on an instance holds without being
       * renewed (it is renewed every third of it). When a backend dies,
       * another backend (or the same one restarted) resumes its instances
       * once their leases expire. Default 30.
       */
      leaseSeconds?: number;
      /**
       * Bound on one create or delete attempt of a resource; a timeout
       * counts as a transient error and is retried with the same
       * idempotency key. Default 1800 (30 minutes).
       */
      attemptTimeoutSeconds?: number;
      /** Retries of transient provider errors (throttling, timeouts): exponential backoff with jitter. */
      retry?: {
        /** Attempts per create or delete, the first included. Default 5. */
        maxAttempts?: number;
        /** Backoff before the second attempt, doubled before each next one. Default 1. */
        initialDelaySeconds?: number;
        /** Longest backoff. Default 60. */
        maxDelaySeconds?: number;
      };
      /**
       * Key that seals generated passwords in the database (AES-256-GCM):
       * any text of at least 16 characters, e.g. from `openssl rand
       * -base64 32`. Changing it makes the passwords of existing instances
       * unreadable. Default: a key generated once into the plugin database,
       * with a warning at start-up; configure one in production.
       * @visibility secret
       */
      secretKey?: string;
      /**
       * The default provider, `sandbox`: a simulated cloud in the plugin
       * database. Ignored when a backend module sets a provider through
       * `iotDeploymentProviderExtensionPoint`.
       */
      sandbox?: {
        /**
         * Multiplies the registry's nominal create and delete seconds of
         * each type (e.g. 600 s for a database). Default 1 (realistic);
         * app-config.yaml sets 0.02 for local runs, tests about 0.
         */
        latencyFactor?: number;
        /** Every create and delete takes exactly this many milliseconds instead (benchmarks). No default. */
        latencyMs?: number;
        /**
         * Most live resources of a type across instances, by type id;
         * creating one more fails permanently. Default: eip 20,
         * load-balancer 20, container-cluster 10, vm 50, rds 20; others
         * unbounded.
         */
        quotas?: { [type: string]: number };
        /**
         * Faults injected on the resources they match, besides those a
         * node asks for with its `x-fault` property. `fail`: a permanent
         * error; `throttle`: `times` (default 2) transient errors, then
         * success; `hang`: never finishes until the attempt times out or
         * is aborted. `on`: create (default) or delete. Default none.
         */
        faults?: Array<{
          fault: 'fail' | 'throttle' | 'hang';
          nodeId?: string;
          type?: string;
          on?: 'create' | 'delete';
          times?: number;
        }>;
      };
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
