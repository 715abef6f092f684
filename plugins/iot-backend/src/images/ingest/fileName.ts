import {
  ImageFileName,
  matchImageFileName,
} from '@internal/backstage-plugin-iot-common';
import { ImageRuleError } from './errors';

export type { ImageFileName };

const DOCKER_SHAPE = 'docker_{name}_{version}.tar or .tar.gz';
const VM_SHAPE = 'vm_{name}_{version}.qcow2, .vmdk, .vhd, .img, .raw or .iso';
const NAME_RULES =
  'name: lowercase letters, digits and dashes, starting with a letter or digit, at most 63; ' +
  'version: letters, digits, dots, plus and dashes, at most 64';

/**
 * Parses an uploaded image's file name.
 *
 * @throws ImageRuleError 400 (rule `file-name`) naming the expected shape and
 *   the name received
 */
export function parseImageFileName(fileName: string): ImageFileName {
  const parsed = matchImageFileName(fileName);
  if (parsed) {
    return parsed;
  }
  let shape = `${DOCKER_SHAPE}, or ${VM_SHAPE}`;
  if (fileName.startsWith('docker_')) {
    shape = DOCKER_SHAPE;
  } else if (fileName.startsWith('vm_')) {
    shape = VM_SHAPE;
  }
  throw new ImageRuleError(
    400,
    'file-name',
    `file name must look like ${shape} (${NAME_RULES}); got ${quote(
      fileName,
    )} (rule: file-name)`,
  );
}

/** Quotes a value from the upload for a message, showing control characters. */
export function quote(value: string, maxLength = 200): string {
  const shown =
    value.length > maxLength ? `${value.slice(0, maxLength)}…` : value;
  return `'${shown.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f]/g,
    c => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  )}'`;
}
