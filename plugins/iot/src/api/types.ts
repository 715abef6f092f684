import type {
  ListImagesQuery,
  ListReviewsQuery,
  ResourceConfirmationRow,
  ReviewStatus,
  SpecGraph,
} from '@internal/backstage-plugin-iot-common';

/** Query of `GET /images` (IMG-4), as the client sends it. */
export type ListImagesRequest = ListImagesQuery;

/** Query of `GET /apps` (APP-3), as the client sends it. */
export type ListAppsRequest = {
  /** Part of the app name (case-insensitive). */
  name?: string;
  reviewStatus?: ReviewStatus;
  limit?: number;
  cursor?: string;
};

/** Bytes of the request body sent so far. */
export type UploadProgressEvent = {
  loaded: number;
  total: number;
};

/** Options of the uploads: image versions and spec archives. */
export type UploadOptions = {
  onProgress?: (progress: UploadProgressEvent) => void;
  /** Aborting cancels the upload; the promise rejects with an `AbortError`. */
  signal?: AbortSignal;
};

export type UploadImageOptions = UploadOptions;

export type ImportSpecOptions = UploadOptions;

/**
 * A file the server exported, ready to be saved: a spec archive (SPEC-5),
 * Terraform JSON or Kubernetes manifests of a spec's graph (SPEC-7).
 */
export type ExportedSpec = {
  blob: Blob;
  /** From the answer's Content-Disposition, e.g. "smart-parking-standard.zip". */
  fileName: string;
};

/** A spec's saved dependency graph and the entity tag of that version of it. */
export type TaggedSpecGraph = {
  graph: SpecGraph;
  /** The answer's `ETag`, to send back as `If-Match` when saving; absent when the server sent none. */
  etag?: string;
};

/** What the saved graph of a spec can be exported as. */
export type SpecExportFormat = 'terraform' | 'kubernetes';

/** Body of `GET /specs/{specId}/resources`: the resource confirmation table (MKT-4). */
export type ListSpecResourcesResponse = { items: ResourceConfirmationRow[] };

/** Query of `GET /specs/{specId}/deployment-tests`. */
export type ListDeploymentTestsRequest = {
  limit?: number;
  cursor?: string;
};

/** Query of `GET /instances/{instanceId}/events`. */
export type ListInstanceEventsRequest = {
  /** Only events with a higher id. */
  after?: number;
  limit?: number;
};

/** Query of `GET /reviews` (REV-1), as the client sends it. */
export type ListReviewsRequest = ListReviewsQuery;

/** A listing submission (SPEC-9) as the form sends it. */
export type SubmitListingRequest = {
  listingName: string;
  summary: string;
  specIds: string[];
  /** Each image may be left out on a resubmission: the previous one is kept. */
  logo?: File;
  showcaseImage?: File;
  introImage?: File;
};

/** A submission image fetched with the caller's token, ready for `<img src>`. */
export type FetchedReviewImage = {
  blob: Blob;
  mediaType: string;
};
