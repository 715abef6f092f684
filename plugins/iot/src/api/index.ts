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
  FetchedReviewImage,
  ImportSpecOptions,
  ListAppsRequest,
  ListDeploymentTestsRequest,
  ListImagesRequest,
  ListInstanceEventsRequest,
  ListReviewsRequest,
  ListSpecResourcesResponse,
  SpecExportFormat,
  SubmitListingRequest,
  TaggedSpecGraph,
  UploadImageOptions,
  UploadOptions,
  UploadProgressEvent,
} from './types';
