import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { ImageStore } from './ImageStore';

/**
 * Lets a backend module replace the image store of the iot plugin.
 *
 * @public
 */
export interface IotImageStoreExtensionPoint {
  setImageStore(store: ImageStore): void;
}

/** @public */
export const iotImageStoreExtensionPoint =
  createExtensionPoint<IotImageStoreExtensionPoint>({
    id: 'iot.image-store',
  });
