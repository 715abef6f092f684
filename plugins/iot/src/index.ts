/**
 * Frontend of the IoT portal.
 *
 * @packageDocumentation
 */
export { iotPlugin as default } from './plugin';
export { iotTranslationRef } from './translation';
export { iotTranslations, iotTranslationsModule } from './translations';
export { iotApiRef, IotApiClient, UploadError } from './api';
export type {
  ExportedSpec,
  ImportSpecOptions,
  IotApi,
  ListAppsRequest,
  ListImagesRequest,
  UploadImageOptions,
  UploadOptions,
  UploadProgressEvent,
} from './api';
