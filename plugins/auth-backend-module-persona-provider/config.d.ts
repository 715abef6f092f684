export interface Config {
  auth?: {
    providers?: {
      /**
       * Local sign-in as a demo persona (a catalog User), with no password:
       * GET /api/auth/persona/refresh?user=alice or the x-backstage-persona
       * header. The provider exists only while this key is configured; set it
       * to null to remove it.
       *
       * Security: anyone who can reach the backend can sign in as anyone, so
       * the module refuses to start when NODE_ENV or auth.environment is
       * production.
       */
      persona?: {
        /**
         * Start even in production. Only for closed demo environments that
         * nobody untrusted can reach; a public portal with this set lets
         * anyone act as any user, including reviewers.
         *
         * @default false
         */
        allowInProduction?: boolean;
      };
    };
  };
}
