export type { IotApi } from './IotApi';
export { iotApiRef } from './IotApi';
export { IotApiClient, ImageUploadError } from './IotApiClient';
export type {
  ListImagesRequest,
  UploadImageOptions,
  UploadProgressEvent,
} from './types';
