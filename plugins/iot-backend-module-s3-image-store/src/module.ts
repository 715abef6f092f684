import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { iotImageStoreExtensionPoint } from '@internal/backstage-plugin-iot-node';
import { S3_CONFIG_KEY, S3ImageStore } from './S3ImageStore';

/**
 * Keeps the iot plugin's uploaded images in S3-compatible object storage
 * when `iot.images.s3` is configured; without it the module does nothing and
 * the plugin keeps its default store.
 */
export const iotModuleS3ImageStore = createBackendModule({
  pluginId: 'iot',
  moduleId: 's3-image-store',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        images: iotImageStoreExtensionPoint,
      },
      async init({ config, logger, images }) {
        const s3Config = config.getOptionalConfig(S3_CONFIG_KEY);
        if (!s3Config) {
          return;
        }
        const store = S3ImageStore.fromConfig(s3Config);
        images.setImageStore(store);
        logger.info(`Uploaded images are stored in ${store.location}`);
      },
    });
  },
});
