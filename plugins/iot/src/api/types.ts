import type {
  ListImagesQuery,
  ReviewStatus,
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

/** An exported spec archive (SPEC-5), ready to be saved as a file. */
export type ExportedSpec = {
  blob: Blob;
  /** From the answer's Content-Disposition, e.g. "smart-parking-standard.zip". */
  fileName: string;
};
