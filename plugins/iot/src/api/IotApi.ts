import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  ListImagesResponse,
  UploadedImage,
} from '@internal/backstage-plugin-iot-common';
import type { ListImagesRequest, UploadImageOptions } from './types';

/**
 * The IoT backend's routes that the frontend uses.
 *
 * @public
 */
export interface IotApi {
  listImages(request?: ListImagesRequest): Promise<ListImagesResponse>;
  /** Refused with a 409 naming the apps while a spec uses the version. */
  deleteImageVersion(name: string, version: string): Promise<void>;
  /** Streams `file` to the backend, which validates and stores it (IMG-1, IMG-2). */
  uploadImage(file: File, options?: UploadImageOptions): Promise<UploadedImage>;
}

/** @public */
export const iotApiRef = createApiRef<IotApi>().with({
  id: 'plugin.iot.api',
  pluginId: 'iot',
});
