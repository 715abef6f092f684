import type { ListImagesQuery } from '@internal/backstage-plugin-iot-common';

/** Query of `GET /images` (IMG-4), as the client sends it. */
export type ListImagesRequest = ListImagesQuery;

/** Bytes of the request body sent so far. */
export type UploadProgressEvent = {
  loaded: number;
  total: number;
};

export type UploadImageOptions = {
  onProgress?: (progress: UploadProgressEvent) => void;
  /** Aborting cancels the upload; the promise rejects with an `AbortError`. */
  signal?: AbortSignal;
};
