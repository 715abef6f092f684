import { z } from 'zod/v4';
import {
  IMAGE_KINDS,
  IMAGE_UPLOAD_STATUSES,
  ImageKind,
  ImageUploadStatus,
} from './entities/constants';

/** Image names as the file name carries them, e.g. `parking-server`. */
export const IMAGE_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Image versions as the file name carries them, e.g. `1.4.2` or `v2.0.0-rc.1`. */
export const IMAGE_VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9.+-]{0,63}$/;

/** Upload and decompressed-content limit of an image (IMG-2): 2 GiB. */
export const MAX_IMAGE_BYTES = 2 * 1024 ** 3;

/** What an image's file name says about it. */
export type ImageFileName = {
  kind: ImageKind;
  name: string;
  version: string;
  /** `tar` or `tar.gz` for Docker; for VMs informational only (`qcow2`, `iso`, ...). */
  extension: string;
};

// docker_{name}_{version}.tar(.gz) (IMG-2) and vm_{name}_{version}.<ext>;
// name and version as IMAGE_NAME_PATTERN and IMAGE_VERSION_PATTERN.
const IMAGE_FILE_NAMES = [
  [
    'docker',
    /^docker_([a-z0-9][a-z0-9-]{0,62})_([A-Za-z0-9][A-Za-z0-9.+-]{0,63}?)\.(tar|tar\.gz)$/,
  ],
  [
    'vm',
    /^vm_([a-z0-9][a-z0-9-]{0,62})_([A-Za-z0-9][A-Za-z0-9.+-]{0,63}?)\.(qcow2|vmdk|vhd|img|raw|iso)$/,
  ],
] as const;

/**
 * The image a file name stands for, or undefined when it breaks the naming
 * rule. Shared by the browser (to refuse before a 2 GB upload starts) and
 * the server (which stays authoritative).
 */
export function matchImageFileName(
  fileName: string,
): ImageFileName | undefined {
  for (const [kind, pattern] of IMAGE_FILE_NAMES) {
    const match = pattern.exec(fileName);
    if (match) {
      const [, name, version, extension] = match;
      return { kind, name, version, extension };
    }
  }
  return undefined;
}

/** Largest page of every list route. */
export const MAX_LIST_LIMIT = 500;

const imageName = z
  .string()
  .regex(
    IMAGE_NAME_PATTERN,
    'must be 1-63 lower-case letters, digits and dashes, starting with a letter or digit',
  );

const imageVersion = z
  .string()
  .regex(
    IMAGE_VERSION_PATTERN,
    "must be 1-64 letters, digits, '.', '+' and '-', starting with a letter or digit",
  );

/** Query of `GET /images` (IMG-3, IMG-4). */
export const listImagesQuerySchema = z
  .object({
    /** Part of the image name. */
    name: z.string().max(63).optional(),
    /** Only images with a version in this upload status. */
    status: z.enum(IMAGE_UPLOAD_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_LIST_LIMIT).optional(),
    /** `nextCursor` of the previous page. */
    cursor: z.string().min(1).max(200).optional(),
  })
  .strict();

/** Path parameters of `GET /images/{name}`. */
export const imageParamsSchema = z.object({ name: imageName });

/** Path parameters of `DELETE /images/{name}/versions/{version}`. */
export const imageVersionParamsSchema = z.object({
  name: imageName,
  version: imageVersion,
});

/**
 * Form fields of `POST /images`, sent before the `file` field (the file is
 * streamed, so fields after it arrive too late to apply).
 */
export const uploadImageFieldsSchema = z
  .object({
    /** Must match the kind the file name gives (`docker_...` or `vm_...`). */
    kind: z.enum(IMAGE_KINDS).optional(),
    /** The owning ISV group, needed when the uploader is in several. */
    owner: z.string().min(1).max(255).optional(),
  })
  .strict();

/** @public */
export type ListImagesQuery = z.infer<typeof listImagesQuerySchema>;
/** @public */
export type UploadImageFields = z.infer<typeof uploadImageFieldsSchema>;

/** A spec that deploys an image version, and the app it belongs to. */
export type ImageVersionUsage = {
  /** Entity ref of the IotApp. */
  app: string;
  appTitle: string;
  /** Entity ref of the IotSpec. */
  spec: string;
};

/** One version of an image as `GET /images` lists it (IMG-3). */
export type ImageVersionListItem = {
  version: string;
  status: ImageUploadStatus;
  /** Stored bytes; 0 unless the upload succeeded. */
  sizeBytes: number;
  sha256?: string;
  /** ISO 8601 time the upload started. */
  uploadedAt: string;
  /** Why the upload failed, for versions in status `failed`. */
  failureReason?: string;
  usedBy: ImageVersionUsage[];
};

/** One image as `GET /images` lists it (IMG-3). */
export type ImageListItem = {
  name: string;
  kind: ImageKind;
  /** Entity ref of the owning ISV group. */
  owner: string;
  /** Entity ref of the image's IotImage entity. */
  entityRef: string;
  /** Newest succeeded version; null while none has succeeded. */
  latestVersion: string | null;
  /** Bytes of all succeeded versions. */
  totalSizeBytes: number;
  /** ISO 8601 time of the most recent change. */
  updatedAt: string;
  /** Newest first; only those in the requested status when filtered by status. */
  versions: ImageVersionListItem[];
};

/** Body of `GET /images`. */
export type ListImagesResponse = {
  items: ImageListItem[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
};

/** The stored version, as `POST /images` answers. */
export type UploadedImage = {
  name: string;
  version: string;
  kind: ImageKind;
  sizeBytes: number;
  sha256: string;
  status: ImageUploadStatus;
};
