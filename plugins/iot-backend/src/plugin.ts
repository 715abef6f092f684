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
import { AppsService } from './apps/AppsService';
import { AppsStore } from './apps/AppsStore';
import { seedDemoApps } from './apps/seedDemoApps';
import { readAppTaxonomy } from './apps/taxonomy';
import { AuditStore } from './audit/AuditStore';
import { CatalogPublisher } from './catalog/CatalogPublisher';
import { IsvGroups } from './catalog/IsvGroups';
import { HealthService } from './health/HealthService';
import { ImagesService } from './images/ImagesService';
import { ImagesStore } from './images/ImagesStore';
import { LocalImageStore } from './images/LocalImageStore';
import { seedDemoImages } from './images/seedDemoImages';
import { createIotResourceType } from './permissions';
import { createRouter } from './router';
import { SpecGraphService } from './specs/SpecGraphService';
import { SpecsService } from './specs/SpecsService';
import { SpecsStore } from './specs/SpecsStore';
import { SpecTransferService } from './specs/SpecTransferService';

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

        const audit = await AuditStore.create({ database });
        const publisher = new CatalogPublisher(events, logger);
        const isvGroups = new IsvGroups(catalog, auth);
        const apps = new AppsService({
          apps: await AppsStore.create({ database }),
          isvGroups,
          taxonomy: readAppTaxonomy(config),
          audit,
          publisher,
        });
        const specs = new SpecsService({
          specs: await SpecsStore.create({ database }),
          apps,
          audit,
          publisher,
        });
        const images = new ImagesService({
          images: await ImagesStore.create({ database }),
          store: imageStore ?? LocalImageStore.fromConfig(config),
          usage: specs,
          isvGroups,
          audit,
          publisher,
          logger,
          maxBytes: config.getOptionalNumber('iot.images.maxBytes'),
        });
        const graphs = new SpecGraphService({
          specs,
          images,
          registry: config.getOptionalString('iot.specs.registry'),
        });
        const transfer = new SpecTransferService({
          specs,
          apps,
          images,
          graphs,
        });

        permissionsRegistry.addPermissions(iotPermissions);
        permissionsRegistry.addResourceType(
          createIotResourceType({ catalog, auth, images, apps, specs }),
        );

        const recovered = await images.recover();
        logger.info(
          `Image store checked: ${recovered.interrupted} interrupted uploads marked failed, ` +
            `${recovered.partialObjects} partial and ${recovered.orphanedObjects} leftover objects removed, ` +
            `${recovered.unknownObjects} unknown objects kept`,
        );
        if (config.getOptionalBoolean('iot.demo.seed')) {
          await seedDemoImages({ images, logger });
          await seedDemoApps({ apps, specs, logger });
        }

        httpRouter.use(
          await createRouter({
            health,
            images,
            apps,
            specs,
            transfer,
            graphs,
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
