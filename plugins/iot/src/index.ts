/**
 * Frontend of the IoT portal.
 *
 * @packageDocumentation
 */
export { iotPlugin as default } from './plugin';
export { iotTranslationRef } from './translation';
export { iotTranslations, iotTranslationsModule } from './translations';
export {
  iotApiRef,
  IotApiClient,
  SpecGraphChangedError,
  SpecGraphInvalidError,
  UploadError,
} from './api';
export type {
  ExportedSpec,
  ImportSpecOptions,
  IotApi,
  ListAppsRequest,
  ListImagesRequest,
  ListSpecResourcesResponse,
  SpecExportFormat,
  TaggedSpecGraph,
  UploadImageOptions,
  UploadOptions,
  UploadProgressEvent,
} from './api';
