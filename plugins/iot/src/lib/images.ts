import type { IotImageVersion } from '@internal/backstage-plugin-iot-common';

/** What the image card and list show about an image's versions (IMG-3). */
export interface ImageSummary {
  /** The most recently uploaded version that finished uploading. */
  latestVersion?: IotImageVersion;
  /** Storage taken by all versions, whatever their state. */
  totalSizeBytes: number;
  /** Time of the most recent upload, finished or not. */
  lastUploadedAt?: string;
}

type Uploaded = Pick<IotImageVersion, 'uploadedAt'>;

const byUploadTimeDescending = (a: Uploaded, b: Uploaded) =>
  Date.parse(b.uploadedAt) - Date.parse(a.uploadedAt);

/** Versions newest first. */
export function sortVersionsNewestFirst<T extends Uploaded>(
  versions: T[],
): T[] {
  return [...versions].sort(byUploadTimeDescending);
}

export function summarizeImageVersions(
  versions: IotImageVersion[],
): ImageSummary {
  const newestFirst = sortVersionsNewestFirst(versions);
  return {
    latestVersion: newestFirst.find(v => v.status === 'succeeded'),
    totalSizeBytes: versions.reduce((sum, v) => sum + v.sizeBytes, 0),
    lastUploadedAt: newestFirst[0]?.uploadedAt,
  };
}
