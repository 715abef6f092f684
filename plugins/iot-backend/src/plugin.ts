import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { iotPermissions } from '@internal/backstage-plugin-iot-common';
import { HealthService } from './health/HealthService';
import { createIotResourceType } from './permissions';
import { createRouter } from './router';

/**
 * The backend of the IoT portal.
 *
 * @public
 */
export const iotPlugin = createBackendPlugin({
  pluginId: 'iot',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        database: coreServices.database,
        logger: coreServices.logger,
        permissionsRegistry: coreServices.permissionsRegistry,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
      },
      async init({
        httpRouter,
        database,
        logger,
        permissionsRegistry,
        auth,
        catalog,
      }) {
        permissionsRegistry.addPermissions(iotPermissions);
        permissionsRegistry.addResourceType(
          createIotResourceType({ catalog, auth }),
        );

        const health = await HealthService.create({ database });
        const { database: status } = await health.getStatus();
        logger.info(
          `IoT database ready (${status.client}, ${status.migrations} migrations applied)`,
        );

        httpRouter.use(await createRouter({ health }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
