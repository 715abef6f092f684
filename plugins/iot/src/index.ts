/**
 * Frontend of the IoT portal.
 *
 * @packageDocumentation
 */
export { iotPlugin as default } from './plugin';
export { iotTranslationRef } from './translation';
export { iotTranslations } from './translations';
export { iotApiRef, IotApiClient, ImageUploadError } from './api';
export type {
  IotApi,
  ListImagesRequest,
  UploadImageOptions,
  UploadProgressEvent,
} from './api';
