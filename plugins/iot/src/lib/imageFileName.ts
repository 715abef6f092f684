import {
  MAX_IMAGE_BYTES,
  matchImageFileName,
} from '@internal/backstage-plugin-iot-common';

export { MAX_IMAGE_BYTES };

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

/** The image a file name stands for, or undefined if it breaks the rule. */
export const parseImageFileName = matchImageFileName;

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
