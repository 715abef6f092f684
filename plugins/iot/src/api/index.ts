export type { IotApi } from './IotApi';
export { iotApiRef } from './IotApi';
export {
  IotApiClient,
  SpecGraphChangedError,
  SpecGraphInvalidError,
  UploadError,
} from './IotApiClient';
export type {
  ExportedSpec,
  ImportSpecOptions,
  ListAppsRequest,
  ListDeploymentTestsRequest,
  ListImagesRequest,
  ListInstanceEventsRequest,
  ListSpecResourcesResponse,
  SpecExportFormat,
  TaggedSpecGraph,
  UploadImageOptions,
  UploadOptions,
  UploadProgressEvent,
} from './types';
