import type { ImageKind } from '@internal/backstage-plugin-iot-common';

/** Upload and decompressed-content limit of the backend (IMG-2): 2 GiB. */
export const MAX_IMAGE_BYTES = 2 * 1024 ** 3;

/** What the picker offers; the server still decides by name and content. */
export const IMAGE_FILE_ACCEPT = [
  '.tar',
  '.tar.gz',
  '.gz',
  '.qcow2',
  '.vmdk',
  '.vhd',
  '.img',
  '.raw',
  '.iso',
].join(',');

// The backend's naming rules, repeated here so that a wrong name is caught
// before a 2 GB upload starts. The server stays authoritative.
const DOCKER_FILE_NAME =
  /^docker_([a-z0-9][a-z0-9-]{0,62})_([A-Za-z0-9][A-Za-z0-9.+-]{0,63}?)\.(tar|tar\.gz)$/;
const VM_FILE_NAME =
  /^vm_([a-z0-9][a-z0-9-]{0,62})_([A-Za-z0-9][A-Za-z0-9.+-]{0,63}?)\.(qcow2|vmdk|vhd|img|raw|iso)$/;

export type ImageFileName = {
  kind: ImageKind;
  name: string;
  version: string;
  extension: string;
};

/** The image a file name stands for, or undefined if it breaks the rule. */
export function parseImageFileName(
  fileName: string,
): ImageFileName | undefined {
  for (const [kind, pattern] of [
    ['docker', DOCKER_FILE_NAME],
    ['vm', VM_FILE_NAME],
  ] as const) {
    const match = pattern.exec(fileName);
    if (match) {
      const [, name, version, extension] = match;
      return { kind, name, version, extension };
    }
  }
  return undefined;
}

/** Why a file cannot be an image, before it is sent. */
export type ImageFileProblem = 'file-name' | 'too-big';

export function checkImageFile(file: {
  name: string;
  size: number;
}): ImageFileProblem | undefined {
  if (!parseImageFileName(file.name)) {
    return 'file-name';
  }
  if (file.size > MAX_IMAGE_BYTES) {
    return 'too-big';
  }
  return undefined;
}
