import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { IotProcessor } from './processor/IotProcessor';

/** Teaches the catalog the IoT kinds: validation and relations. */
export const catalogModuleIot = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'iot-processor',
  register({ registerInit }) {
    registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addProcessor(new IotProcessor());
      },
    });
  },
});
