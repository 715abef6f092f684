import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { IotProcessor } from './processor/IotProcessor';
import { IotDatabaseEntityProvider } from './provider';

/**
 * Teaches the catalog the IoT kinds (validation and relations) and publishes
 * the IoT entities the iot database owns.
 */
export const catalogModuleIot = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'iot-processor',
  register({ registerInit }) {
    registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        events: eventsServiceRef,
      },
      async init({ catalog, ...services }) {
        catalog.addProcessor(new IotProcessor());
        catalog.addEntityProvider(IotDatabaseEntityProvider.create(services));
      },
    });
  },
});
