export { MAX_IMAGE_BYTES } from '@internal/backstage-plugin-iot-common';

/**
 * The names of the rules an image upload is checked against; each refusal
 * names one of them.
 */
export type ImageRule =
  /** `docker_{name}_{version}.tar[.gz]` or `vm_{name}_{version}.{ext}`. */
  | 'file-name'
  /** Upload, declared and inflated sizes stay within the limit. */
  | 'max-size'
  /** A Docker image is a tar or a gzip-compressed tar. */
  | 'archive-format'
  /** `.tar` holds a plain tar, `.tar.gz` a gzip stream. */
  | 'extension-matches-content'
  /** The gzip stream and the tar archive are complete and uncorrupted. */
  | 'archive-integrity'
  /** At most {@link MAX_TAR_ENTRIES} entries in the archive. */
  | 'max-entries'
  /** No absolute paths, `..`, NUL, devices, fifos or links leading outside. */
  | 'safe-paths'
  /** A `docker save` archive: manifest.json or repositories, with what they reference. */
  | 'docker-save'
  /** A VM image is qcow2, vmdk, vhd, iso or a raw disk, recognised by its content. */
  | 'vm-format';

/** The HTTP status each kind of refusal maps to. */
export type ImageRuleStatus = 400 | 413 | 415 | 422;

/**
 * An uploaded image broke a rule. The message names the rule and the
 * offending value, and is meant to be shown to the uploader as it is.
 */
export class ImageRuleError extends Error {
  constructor(
    readonly status: ImageRuleStatus,
    readonly rule: ImageRule | string,
    message: string,
  ) {
    super(message);
    this.name = 'ImageRuleError';
  }
}

/** Whether `error` is an {@link ImageRuleError} (also across module copies). */
export function isImageRuleError(error: unknown): error is ImageRuleError {
  return (
    error instanceof ImageRuleError ||
    (error instanceof Error && error.name === 'ImageRuleError')
  );
}

const UNITS = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** Bytes for people: `512 bytes`, `64 KiB`, `3.0 GiB`. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) {
    return `${bytes} bytes`;
  }
  return Number.isInteger(value)
    ? `${value} ${UNITS[unit]}`
    : `${value.toFixed(1)} ${UNITS[unit]}`;
}
