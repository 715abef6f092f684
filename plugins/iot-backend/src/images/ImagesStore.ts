import { DatabaseService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  ImageKind,
  ImageUploadStatus,
} from '@internal/backstage-plugin-iot-common';
import { Knex } from 'knex';
import { getMigratedClient } from '../database/migrateDatabase';
import {
  applyOwnerFilter,
  pageLimit,
  timestamp,
  toIso,
  whereContains,
} from '../database/queries';
import { IotResourceFilter } from '../permissions';

const IMAGES = 'iot_images';
const VERSIONS = 'iot_image_versions';

/** An image (one per name), without its versions. */
export type ImageRecord = {
  id: number;
  name: string;
  /** Lower-case entity ref of the owning group. */
  ownerRef: string;
  kind: ImageKind;
  createdBy: string;
  /** ISO 8601 timestamps in UTC. */
  createdAt: string;
  updatedAt: string;
};

/** One version of an image and the state of its upload. */
export type ImageVersionRecord = {
  id: number;
  imageId: number;
  version: string;
  status: ImageUploadStatus;
  sizeBytes: number;
  unpackedBytes: number;
  sha256?: string;
  storageKey: string;
  failureReason?: string;
  uploadedBy: string;
  createdAt: string;
  updatedAt: string;
};

/** An image with its versions, newest first. */
export type ImageWithVersions = ImageRecord & {
  versions: ImageVersionRecord[];
};

/** A version left in status `uploading`, e.g. by a crash. */
export type StuckUpload = {
  versionId: number;
  imageName: string;
  version: string;
  storageKey: string;
};

export type ListImagesOptions = {
  /** Substring of the image name (case-insensitive). */
  nameContains?: string;
  /** Only images with a version in this status; their other versions are left out. */
  status?: ImageUploadStatus;
  /** Owner filter from the permission framework's conditional decision. */
  ownerFilter?: PermissionCriteria<IotResourceFilter>;
  /** Page size, clamped to 1..500 (default 50). */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
};

/** One page of images, ordered by name. */
export type ImagePage = {
  items: ImageWithVersions[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
};

type ImageRow = {
  id: number;
  name: string;
  owner_ref: string;
  kind: string;
  created_by: string;
  created_at: Date | string;
  updated_at: Date | string;
};

type VersionRow = {
  id: number;
  image_id: number;
  version: string;
  status: string;
  size_bytes: number | string;
  unpacked_bytes: number | string;
  sha256: string | null;
  storage_key: string;
  failure_reason: string | null;
  uploaded_by: string;
  created_at: Date | string;
  updated_at: Date | string;
};

/** Images and their versions in the plugin database. */
export class ImagesStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<ImagesStore> {
    return new ImagesStore(await getMigratedClient(options.database));
  }

  private constructor(private readonly db: Knex) {}

  /** The image of that name with all its versions. */
  async findImage(name: string): Promise<ImageWithVersions | undefined> {
    const row = await this.db<ImageRow>(IMAGES).where({ name }).first();
    if (!row) {
      return undefined;
    }
    const [image] = await this.withVersions([toImage(row)]);
    return image;
  }

  /** The images of those names with all their versions, in name order. */
  async findImages(names: string[]): Promise<ImageWithVersions[]> {
    if (names.length === 0) {
      return [];
    }
    const rows = await this.db<ImageRow>(IMAGES)
      .whereIn('name', names)
      .orderBy('name', 'asc');
    return this.withVersions(rows.map(toImage));
  }

  /**
   * The image of that name; created with the given owner and kind when it
   * does not exist yet. An existing image is returned unchanged, so the
   * caller must compare its owner and kind.
   */
  async findOrCreateImage(image: {
    name: string;
    ownerRef: string;
    kind: ImageKind;
    createdBy: string;
  }): Promise<ImageRecord> {
    const now = timestamp();
    await this.db<ImageRow>(IMAGES)
      .insert({
        name: image.name,
        owner_ref: image.ownerRef,
        kind: image.kind,
        created_by: image.createdBy,
        created_at: now,
        updated_at: now,
      })
      .onConflict('name')
      .ignore();
    const row = await this.db<ImageRow>(IMAGES)
      .where({ name: image.name })
      .first();
    return toImage(row!);
  }

  /**
   * Records a new upload of `version` in status `uploading`. A version whose
   * earlier upload failed is reused. Returns undefined when the version
   * exists in another status (succeeded, or being uploaded).
   */
  async beginVersion(upload: {
    imageId: number;
    version: string;
    storageKey: string;
    uploadedBy: string;
  }): Promise<ImageVersionRecord | undefined> {
    return this.db.transaction(async tx => {
      const now = timestamp();
      const uploading = {
        status: 'uploading',
        size_bytes: 0,
        unpacked_bytes: 0,
        sha256: null,
        storage_key: upload.storageKey,
        failure_reason: null,
        uploaded_by: upload.uploadedBy,
        created_at: now,
        updated_at: now,
      };
      let [row] = await tx<VersionRow>(VERSIONS)
        .where({
          image_id: upload.imageId,
          version: upload.version,
          status: 'failed',
        })
        .update(uploading)
        .returning('*');
      if (!row) {
        [row] = await tx<VersionRow>(VERSIONS)
          .insert({
            image_id: upload.imageId,
            version: upload.version,
            ...uploading,
          })
          .onConflict(['image_id', 'version'])
          .ignore()
          .returning('*');
      }
      if (!row) {
        return undefined;
      }
      await touchImage(tx, upload.imageId, now);
      return toVersion(row);
    });
  }

  /**
   * Completes an upload. Returns undefined when the version is no longer
   * `uploading` (e.g. a restart marked it failed meanwhile).
   */
  async markSucceeded(
    versionId: number,
    result: { sizeBytes: number; unpackedBytes: number; sha256: string },
  ): Promise<ImageVersionRecord | undefined> {
    return this.finishUpload(versionId, {
      status: 'succeeded',
      size_bytes: result.sizeBytes,
      unpacked_bytes: result.unpackedBytes,
      sha256: result.sha256,
    });
  }

  /** Records why an upload failed; undefined when it is no longer `uploading`. */
  async markFailed(
    versionId: number,
    reason: string,
  ): Promise<ImageVersionRecord | undefined> {
    return this.finishUpload(versionId, {
      status: 'failed',
      failure_reason: reason,
    });
  }

  /** Images page by page, ordered by name. */
  async listImages(options: ListImagesOptions = {}): Promise<ImagePage> {
    const limit = pageLimit(options.limit);
    const query = this.db<ImageRow>(IMAGES)
      .select(`${IMAGES}.*`)
      .orderBy('name', 'asc')
      // One extra row tells whether there is a next page.
      .limit(limit + 1);
    if (options.nameContains) {
      whereContains(
        query,
        `${IMAGES}.name`,
        options.nameContains.toLocaleLowerCase('en-US'),
      );
    }
    if (options.status) {
      const status = options.status;
      query.whereExists(sub =>
        sub
          .select(this.db.raw('1'))
          .from(VERSIONS)
          .whereRaw('??.?? = ??.??', [VERSIONS, 'image_id', IMAGES, 'id'])
          .andWhere(`${VERSIONS}.status`, status),
      );
    }
    if (options.ownerFilter) {
      applyOwnerFilter(query, `${IMAGES}.owner_ref`, options.ownerFilter);
    }
    if (options.cursor !== undefined) {
      query.where('name', '>', decodeCursor(options.cursor));
    }
    const rows = await query;
    const items = await this.withVersions(
      rows.slice(0, limit).map(toImage),
      options.status,
    );
    return {
      items,
      nextCursor:
        rows.length > limit ? encodeCursor(items[items.length - 1].name) : null,
    };
  }

  /**
   * Removes a version, and its image when no version is left. Returns
   * whether the image was removed too.
   */
  async deleteVersion(versionId: number): Promise<{ imageDeleted: boolean }> {
    return this.db.transaction(async tx => {
      const row = await tx<VersionRow>(VERSIONS)
        .where({ id: versionId })
        .first();
      if (!row) {
        return { imageDeleted: false };
      }
      await tx(VERSIONS).where({ id: versionId }).delete();
      const [{ count }] = await tx(VERSIONS)
        .where({ image_id: row.image_id })
        .count({ count: '*' });
      if (Number(count) === 0) {
        await tx(IMAGES).where({ id: row.image_id }).delete();
        return { imageDeleted: true };
      }
      await touchImage(tx, row.image_id, timestamp());
      return { imageDeleted: false };
    });
  }

  /** Versions still in status `uploading`, oldest first. */
  async findStuckUploads(): Promise<StuckUpload[]> {
    const rows = await this.db(VERSIONS)
      .join(IMAGES, `${IMAGES}.id`, `${VERSIONS}.image_id`)
      .where(`${VERSIONS}.status`, 'uploading')
      .orderBy(`${VERSIONS}.id`, 'asc')
      .select({
        versionId: `${VERSIONS}.id`,
        imageName: `${IMAGES}.name`,
        version: `${VERSIONS}.version`,
        storageKey: `${VERSIONS}.storage_key`,
      });
    return rows.map(row => ({ ...row, versionId: Number(row.versionId) }));
  }

  /** The status of the version each of `storageKeys` belongs to, if any. */
  async storageKeyStatuses(
    storageKeys: string[],
  ): Promise<Map<string, ImageUploadStatus>> {
    const statuses = new Map<string, ImageUploadStatus>();
    // Stay well below the bound-parameter limits of both engines.
    for (let i = 0; i < storageKeys.length; i += 500) {
      const rows = await this.db<VersionRow>(VERSIONS)
        .whereIn('storage_key', storageKeys.slice(i, i + 500))
        .select('storage_key', 'status');
      rows.forEach(row =>
        statuses.set(row.storage_key, row.status as ImageUploadStatus),
      );
    }
    return statuses;
  }

  /** Whether no image has been recorded yet. */
  async isEmpty(): Promise<boolean> {
    return !(await this.db(IMAGES).first('id'));
  }

  private async finishUpload(
    versionId: number,
    changes: Partial<VersionRow>,
  ): Promise<ImageVersionRecord | undefined> {
    return this.db.transaction(async tx => {
      const now = timestamp();
      const [row] = await tx<VersionRow>(VERSIONS)
        .where({ id: versionId, status: 'uploading' })
        .update({ ...changes, updated_at: now })
        .returning('*');
      if (!row) {
        return undefined;
      }
      await touchImage(tx, row.image_id, now);
      return toVersion(row);
    });
  }

  private async withVersions(
    images: ImageRecord[],
    status?: ImageUploadStatus,
  ): Promise<ImageWithVersions[]> {
    if (images.length === 0) {
      return [];
    }
    const query = this.db<VersionRow>(VERSIONS)
      .whereIn(
        'image_id',
        images.map(image => image.id),
      )
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    if (status) {
      query.where({ status });
    }
    const versions = (await query).map(toVersion);
    return images.map(image => ({
      ...image,
      versions: versions.filter(version => version.imageId === image.id),
    }));
  }
}

async function touchImage(tx: Knex.Transaction, imageId: number, now: string) {
  await tx(IMAGES).where({ id: imageId }).update({ updated_at: now });
}

function encodeCursor(name: string): string {
  return Buffer.from(name, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  const name = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) {
    throw new InputError(
      `cursor must be the nextCursor of a previous page; got '${cursor}'`,
    );
  }
  return name;
}

function toImage(row: ImageRow): ImageRecord {
  return {
    id: Number(row.id),
    name: row.name,
    ownerRef: row.owner_ref,
    kind: row.kind as ImageKind,
    createdBy: row.created_by,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

function toVersion(row: VersionRow): ImageVersionRecord {
  return {
    id: Number(row.id),
    imageId: Number(row.image_id),
    version: row.version,
    status: row.status as ImageUploadStatus,
    // PostgreSQL returns bigint columns as strings.
    sizeBytes: Number(row.size_bytes),
    unpackedBytes: Number(row.unpacked_bytes),
    ...(row.sha256 ? { sha256: row.sha256 } : {}),
    storageKey: row.storage_key,
    ...(row.failure_reason ? { failureReason: row.failure_reason } : {}),
    uploadedBy: row.uploaded_by,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}
