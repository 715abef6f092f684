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
    demo?: {
      /**
       * Upload the demo images (parking-server 1.4.2 for isv-acme,
       * energy-collector 2.0.0 for isv-globex) through the image service
       * when the database has no image yet. Default false; app-config.yaml
       * turns it on for local runs.
       */
      seed?: boolean;
    };
  };
}
