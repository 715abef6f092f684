export type { IotApi } from './IotApi';
export { iotApiRef } from './IotApi';
export { IotApiClient, UploadError } from './IotApiClient';
export type {
  ExportedSpec,
  ImportSpecOptions,
  ListAppsRequest,
  ListImagesRequest,
  UploadImageOptions,
  UploadOptions,
  UploadProgressEvent,
} from './types';
