import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { IotProcessor } from './processor/IotProcessor';

export const catalogModuleIot = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'iot-processor',
  register({ registerInit }) {
    registerInit({
      deps: {
        config: coreServices.rootConfig,
        catalog: catalogProcessingExtensionPoint,
      },
      async init({ catalog, config }) {
        catalog.addProcessor(IotProcessor.fromConfig(config));
      },
    });
  },
});
