import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { iotPermissions } from '@internal/backstage-plugin-iot-common';
import {
  DeploymentProvider,
  ImageStore,
  iotDeploymentProviderExtensionPoint,
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
import { DeploymentEngine } from './instances/DeploymentEngine';
import { readEngineOptions } from './instances/engineOptions';
import { InstancesService } from './instances/InstancesService';
import { InstancesStore } from './instances/InstancesStore';
import { SandboxProvider } from './instances/sandbox/SandboxProvider';
import { createSecretBox } from './instances/SecretBox';
import { createIotResourceType } from './permissions';
import { ReviewNotifier } from './review/ReviewNotifier';
import { ReviewsService } from './review/ReviewsService';
import { ReviewsStore } from './review/ReviewsStore';
import { seedDemoReviews } from './review/seedDemoReviews';
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
    let deploymentProvider: DeploymentProvider | undefined;
    env.registerExtensionPoint(iotDeploymentProviderExtensionPoint, {
      setProvider(provider) {
        if (deploymentProvider) {
          throw new Error(
            `The iot deployment provider has already been set (to '${deploymentProvider.id}')`,
          );
        }
        deploymentProvider = provider;
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
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
        notifications: notificationService,
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
        lifecycle,
        catalog,
        events,
        notifications,
      }) {
        const health = await HealthService.create({ database });
        const { database: status } = await health.getStatus();
        logger.info(
          `IoT database ready (${status.client}, ${status.migrations} migrations applied)`,
        );

        const audit = await AuditStore.create({ database });
        const publisher = new CatalogPublisher(events, logger);
        const isvGroups = new IsvGroups(catalog, auth);
        const instancesStore = await InstancesStore.create({ database });
        const apps = new AppsService({
          apps: await AppsStore.create({ database }),
          isvGroups,
          taxonomy: readAppTaxonomy(config),
          audit,
          publisher,
          instances: instancesStore,
        });
        const specs = new SpecsService({
          specs: await SpecsStore.create({ database }),
          apps,
          audit,
          publisher,
          instances: instancesStore,
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

        const recovered = await images.recover();
        logger.info(
          `Image store checked: ${recovered.interrupted} interrupted uploads marked failed, ` +
            `${recovered.partialObjects} partial and ${recovered.orphanedObjects} leftover objects removed, ` +
            `${recovered.unknownObjects} unknown objects kept`,
        );

        const secrets = await createSecretBox({
          config,
          generatedKey: () => instancesStore.generatedKey(),
          logger,
        });
        const provider =
          deploymentProvider ??
          (await SandboxProvider.create({ database, config }));
        const engine = new DeploymentEngine({
          store: instancesStore,
          provider,
          secrets,
          options: readEngineOptions(config),
          logger,
        });
        const instances = new InstancesService({
          store: instancesStore,
          engine,
          specs,
          graphs,
          secrets,
          audit,
          providerId: provider.id,
        });
        engine.onInstallSettled(instance => instances.installSettled(instance));
        const notifier = new ReviewNotifier({
          notifications,
          catalog,
          auth,
          logger,
        });
        const reviews = new ReviewsService({
          store: await ReviewsStore.create({ database }),
          apps,
          specs,
          audit,
          notify: notice => notifier.notify(notice),
          logger,
        });
        await reviews.reconcileApps();
        lifecycle.addStartupHook(() => engine.start());
        lifecycle.addShutdownHook(() => engine.stop());

        permissionsRegistry.addPermissions(iotPermissions);
        permissionsRegistry.addResourceType(
          createIotResourceType({
            catalog,
            auth,
            images,
            apps,
            specs,
            instances,
          }),
        );

        if (config.getOptionalBoolean('iot.demo.seed')) {
          const fresh = await apps.isEmpty();
          await seedDemoImages({ images, logger });
          await seedDemoApps({ apps, specs, logger });
          if (fresh) {
            await seedDemoReviews({ apps, specs, reviews, logger });
          }
        }

        httpRouter.use(
          await createRouter({
            health,
            images,
            apps,
            specs,
            transfer,
            graphs,
            instances,
            reviews,
            httpAuth,
            userInfo,
            permissions,
            permissionsRegistry,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        // listing images render in <img>, which sends the user cookie, not a token
        httpRouter.addAuthPolicy({ path: '/reviews', allow: 'user-cookie' });
      },
    });
  },
});
