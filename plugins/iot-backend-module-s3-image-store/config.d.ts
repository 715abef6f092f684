export interface Config {
  iot?: {
    images?: {
      /**
       * Keeps uploaded images in S3-compatible object storage instead of the
       * local directory (`iot.images.local` is then ignored). Absent by
       * default: the module then does nothing.
       */
      s3?: {
        /** Bucket that holds the images; it must exist. No default. */
        bucket: string;
        /**
         * Region of the bucket, e.g. `eu-central-1`. No default; services
         * other than AWS usually accept `us-east-1`.
         */
        region: string;
        /**
         * URL of an S3-compatible service, e.g. `https://minio.example.com:9000`.
         * Default: AWS S3's endpoint for the region. Services that refuse
         * the AWS SDK's default CRC32 checksums need
         * `AWS_REQUEST_CHECKSUM_CALCULATION=when_required` in the
         * backend's environment.
         */
        endpoint?: string;
        /**
         * Address the bucket in the path (`endpoint/bucket/key`) rather than
         * the host name (`bucket.endpoint/key`). MinIO and Ceph usually need
         * true. Default: false.
         */
        forcePathStyle?: boolean;
        /**
         * Static access key. Default: none, and the AWS SDK's default chain
         * finds credentials (AWS_* environment variables, shared profile,
         * web identity, container or instance role).
         */
        credentials?: {
          /** Access key id. No default. */
          accessKeyId: string;
          /**
           * Secret access key. No default.
           * @visibility secret
           */
          secretAccessKey: string;
        };
        /**
         * Key prefix of the images, e.g. `iot/images` (a trailing '/' is
         * added). Default: none, the whole bucket. Set it when the bucket is
         * shared: at start-up the store aborts every unfinished multipart
         * upload under the prefix.
         */
        prefix?: string;
      };
    };
  };
}
