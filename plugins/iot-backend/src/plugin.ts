import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { iotPermissions } from '@internal/backstage-plugin-iot-common';
import {
  ImageStore,
  iotImageStoreExtensionPoint,
} from '@internal/backstage-plugin-iot-node';
import { AuditStore } from './audit/AuditStore';
import { CatalogPublisher } from './catalog/CatalogPublisher';
import { HealthService } from './health/HealthService';
import { CatalogImageUsage } from './images/CatalogImageUsage';
import { ImagesService } from './images/ImagesService';
import { ImagesStore } from './images/ImagesStore';
import { LocalImageStore } from './images/LocalImageStore';
import { seedDemoImages } from './images/seedDemoImages';
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
    let imageStore: ImageStore | undefined;
    env.registerExtensionPoint(iotImageStoreExtensionPoint, {
      setImageStore(store) {
        if (imageStore) {
          throw new Error('The iot image store has already been set');
        }
        imageStore = store;
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        userInfo: coreServices.userInfo,
        database: coreServices.database,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
      },
      async init({
        config,
        httpRouter,
        httpAuth,
        userInfo,
        database,
        logger,
        permissions,
        permissionsRegistry,
        auth,
        catalog,
        events,
      }) {
        const health = await HealthService.create({ database });
        const { database: status } = await health.getStatus();
        logger.info(
          `IoT database ready (${status.client}, ${status.migrations} migrations applied)`,
        );

        const images = new ImagesService({
          images: await ImagesStore.create({ database }),
          store: imageStore ?? LocalImageStore.fromConfig(config),
          usage: new CatalogImageUsage(catalog, auth),
          catalog,
          auth,
          audit: await AuditStore.create({ database }),
          publisher: new CatalogPublisher(events, logger),
          logger,
          maxBytes: config.getOptionalNumber('iot.images.maxBytes'),
        });

        permissionsRegistry.addPermissions(iotPermissions);
        permissionsRegistry.addResourceType(
          createIotResourceType({ catalog, auth, images }),
        );

        const recovered = await images.recover();
        logger.info(
          `Image store checked: ${recovered.interrupted} interrupted uploads marked failed, ` +
            `${recovered.partialObjects} partial and ${recovered.orphanedObjects} leftover objects removed, ` +
            `${recovered.unknownObjects} unknown objects kept`,
        );
        if (config.getOptionalBoolean('iot.demo.seed')) {
          await seedDemoImages({ images, logger });
        }

        httpRouter.use(
          await createRouter({
            health,
            images,
            httpAuth,
            userInfo,
            permissions,
            permissionsRegistry,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
