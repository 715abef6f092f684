import { MAX_SPEC_ARCHIVE_BYTES } from '@internal/backstage-plugin-iot-common';

export { MAX_SPEC_ARCHIVE_BYTES };

/** What the picker offers. */
export const SPEC_ARCHIVE_ACCEPT = '.zip,application/zip';

/** Why a file cannot be a spec archive, before it is sent (SPEC-2). */
export type SpecArchiveProblem = 'not-zip' | 'too-big';

export function checkSpecArchive(file: {
  name: string;
  size: number;
}): SpecArchiveProblem | undefined {
  if (!/\.zip$/i.test(file.name)) {
    return 'not-zip';
  }
  if (file.size > MAX_SPEC_ARCHIVE_BYTES) {
    return 'too-big';
  }
  return undefined;
}
