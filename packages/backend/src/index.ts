import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// scaffolder: trials and deployments run as scaffolder tasks
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
// iot:instance:deploy and iot:instance:uninstall
backend.add(import('@internal/backstage-plugin-scaffolder-backend-module-iot'));

// auth: the local persona provider exists only where auth.providers.persona
// is configured (app-config.yaml); production signs in with GitHub
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-github-provider'));
backend.add(
  import('@internal/backstage-plugin-auth-backend-module-persona-provider'),
);

// catalog, with our IoT kinds
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@internal/backstage-plugin-catalog-backend-module-iot'));

// permissions: our policy, not allow-all
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('@internal/backstage-plugin-permission-backend-module-iot'));

// search (the Postgres engine activates on PostgreSQL, in-memory otherwise)
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// the IoT portal
backend.add(import('@internal/backstage-plugin-iot-backend'));
// keeps images in S3-compatible storage only where iot.images.s3 is configured
backend.add(
  import('@internal/backstage-plugin-iot-backend-module-s3-image-store'),
);

backend.start();
