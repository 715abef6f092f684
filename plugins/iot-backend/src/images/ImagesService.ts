import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  ImageKind,
  ImageListItem,
  ImageUploadStatus,
  ImageVersionListItem,
  ImageVersionUsage,
  ListImagesResponse,
  SpecGraphImage,
  SpecImageUse,
} from '@internal/backstage-plugin-iot-common';
import { ImageStore } from '@internal/backstage-plugin-iot-node';
import { randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AuditStore } from '../audit/AuditStore';
import { CatalogPublisher } from '../catalog/CatalogPublisher';
import { IsvGroups, normalizeGroupRef, PortalUser } from '../catalog/IsvGroups';
import { IotResourceFilter } from '../permissions';
import { imageEntityRef, toImageEntity } from './imageEntity';
import {
  ImageRecord,
  ImagesStore,
  ImageVersionRecord,
  ImageWithVersions,
} from './ImagesStore';
import {
  createImageInspector,
  ImageFileName,
  ImageRuleError,
  InspectionResult,
  isImageRuleError,
  MAX_IMAGE_BYTES,
  parseImageFileName,
} from './ingest';

/** Failure reason of an upload whose client went away. */
export const ABORTED_REASON = 'upload aborted by the client';
/** Failure reason of an upload that a restart interrupted. */
export const INTERRUPTED_REASON = 'interrupted by a restart';

/** Who uploads: the signed-in user and their ownership claims. */
export type Uploader = PortalUser;

/** Per image name, per version: the specs (and their apps) that deploy it. */
export type ImageUsageMap = Map<string, Map<string, ImageVersionUsage[]>>;

/** Which specs use which image versions (IMG-3, IMG-5). */
export interface ImageUsage {
  usageOf(imageNames: string[]): Promise<ImageUsageMap>;
}

export type UploadOptions = {
  uploader: Uploader;
  /** The `kind` form field; must match the kind the file name gives. */
  kindHint?: ImageKind;
  /** The `owner` form field; required when the uploader is in several ISV groups. */
  ownerHint?: string;
  /** Aborted when the client goes away. */
  signal?: AbortSignal;
};

/** Result of an upload; `created` is false for an identical re-upload. */
export type UploadOutcome = {
  created: boolean;
  image: ImageRecord;
  version: ImageVersionRecord;
};

/** What {@link ImagesService.recover} cleaned up. */
export type RecoveryReport = {
  /** Uploads a restart interrupted, now failed. */
  interrupted: number;
  /** Partial objects in the image store. */
  partialObjects: number;
  /** Objects of versions that did not succeed. */
  orphanedObjects: number;
  /** Objects no version of this database knows; kept, see recover(). */
  unknownObjects: number;
};

/**
 * The rules of image hosting (IMG-1..6), without HTTP: who may upload under
 * which name, how a file becomes a version (streamed through the inspector
 * into the image store, never buffered), what deleting needs, and what is
 * left after a crash. Every change is published to the catalog.
 */
export class ImagesService {
  private readonly images: ImagesStore;
  private readonly store: ImageStore;
  private readonly usage: ImageUsage;
  private readonly isvGroups: IsvGroups;
  private readonly audit: AuditStore;
  private readonly publisher: CatalogPublisher;
  private readonly logger: LoggerService;
  private readonly maxBytes: number;

  constructor(options: {
    images: ImagesStore;
    store: ImageStore;
    usage: ImageUsage;
    isvGroups: IsvGroups;
    audit: AuditStore;
    publisher: CatalogPublisher;
    logger: LoggerService;
    /** Upload and decompressed size bound; at most MAX_IMAGE_BYTES. */
    maxBytes?: number;
  }) {
    this.images = options.images;
    this.store = options.store;
    this.usage = options.usage;
    this.isvGroups = options.isvGroups;
    this.audit = options.audit;
    this.publisher = options.publisher;
    this.logger = options.logger;
    this.maxBytes = options.maxBytes ?? MAX_IMAGE_BYTES;
    if (this.maxBytes > MAX_IMAGE_BYTES || this.maxBytes < 1) {
      throw new Error(
        `iot.images.maxBytes must be between 1 and ${MAX_IMAGE_BYTES}; got ${this.maxBytes}`,
      );
    }
  }

  /** Upload and decompressed size bound in bytes. */
  get maxImageBytes(): number {
    return this.maxBytes;
  }

  /**
   * Stores one uploaded image version for the uploader's ISV group. The
   * version is recorded as `uploading` before the first byte is read, and
   * ends `succeeded`, or `failed` with the reason and no stored bytes.
   */
  async upload(
    body: Readable,
    fileName: string,
    options: UploadOptions,
  ): Promise<UploadOutcome> {
    const parsed = parseImageFileName(fileName);
    if (options.kindHint && options.kindHint !== parsed.kind) {
      throw new ImageRuleError(
        400,
        'kind',
        `the kind field says '${options.kindHint}' but the file name '${fileName}' names a ${parsed.kind} image; ` +
          `name ${options.kindHint} images ${options.kindHint}_{name}_{version}.*`,
      );
    }
    const ownerRef = await this.isvGroups.ownerFor(
      options.uploader,
      'upload images',
      options.ownerHint,
    );
    return this.ingest(body, parsed, {
      ownerRef,
      actorRef: options.uploader.userEntityRef,
      signal: options.signal,
    });
  }

  /**
   * Stores an image version for a group the caller has already vouched for
   * (the demo seed); the same rules as {@link ImagesService.upload} apply
   * from the file name on.
   */
  async uploadAsGroup(
    body: Readable,
    fileName: string,
    options: { ownerRef: string; actorRef: string },
  ): Promise<UploadOutcome> {
    return this.ingest(body, parseImageFileName(fileName), {
      ownerRef: normalizeGroupRef(options.ownerRef),
      actorRef: options.actorRef,
    });
  }

  /** Images page by page with their versions and who uses them (IMG-3, IMG-4). */
  async listImages(query: {
    name?: string;
    status?: ImageUploadStatus;
    limit?: number;
    cursor?: string;
    ownerFilter?: PermissionCriteria<IotResourceFilter>;
  }): Promise<ListImagesResponse> {
    const page = await this.images.listImages({
      nameContains: query.name,
      status: query.status,
      limit: query.limit,
      cursor: query.cursor,
      ownerFilter: query.ownerFilter,
    });
    const usage = await this.usage.usageOf(page.items.map(i => i.name));
    // totals describe the whole image, also when versions are filtered
    const whole = new Map(
      (query.status
        ? await this.images.findImages(page.items.map(i => i.name))
        : page.items
      ).map(image => [image.name, image]),
    );
    return {
      items: page.items.map(image =>
        toListItem(image, whole.get(image.name) ?? image, usage),
      ),
      nextCursor: page.nextCursor,
    };
  }

  /** One image with its versions; NotFoundError when there is none. */
  async getImage(name: string): Promise<ImageListItem> {
    const image = await this.findImageOrThrow(name);
    return toListItem(image, image, await this.usage.usageOf([name]));
  }

  /**
   * Those of `uses` that are not succeeded versions of images `ownerRef`
   * owns: what a spec of that group cannot deploy.
   */
  async unavailableVersions(
    uses: SpecImageUse[],
    ownerRef: string,
  ): Promise<SpecImageUse[]> {
    const images = new Map(
      (
        await this.images.findImages([...new Set(uses.map(use => use.name))])
      ).map(image => [image.name, image]),
    );
    const owner = normalizeGroupRef(ownerRef);
    return uses.filter(use => {
      const image = images.get(use.name);
      return !(
        image?.ownerRef === owner &&
        image.versions.some(
          v => v.version === use.version && v.status === 'succeeded',
        )
      );
    });
  }

  /**
   * Every version of the images of those names, whoever owns them, as graph
   * validation checks the images a spec deploys against: a name another
   * group owns is refused as such, not as missing (names are global).
   */
  async imageVersions(names: string[]): Promise<SpecGraphImage[]> {
    const images = await this.images.findImages([...new Set(names)]);
    return images.flatMap(image =>
      image.versions.map(version => ({
        name: image.name,
        version: version.version,
        kind: image.kind,
        status: version.status,
        owner: image.ownerRef,
      })),
    );
  }

  /** The image as a catalog entity, for permission checks; undefined when absent. */
  async findImageEntity(name: string): Promise<Entity | undefined> {
    const image = await this.images.findImage(name);
    return image && toImageEntity(image);
  }

  /**
   * Deletes one version: refused while a spec uses it (IMG-5). Bytes go
   * first, then the row, so a failure in between leaves a version whose
   * delete can be retried rather than bytes nobody knows about.
   */
  async deleteVersion(
    name: string,
    version: string,
    actorRef: string,
  ): Promise<void> {
    const image = await this.findImageOrThrow(name);
    const record = image.versions.find(v => v.version === version);
    if (!record) {
      throw new NotFoundError(
        `image ${name} has no version ${version}; it has ${
          image.versions.map(v => v.version).join(', ') || 'none'
        }`,
      );
    }
    if (record.status === 'uploading') {
      throw new ConflictError(
        `version ${version} of image ${name} is still uploading; delete it once the upload has ended`,
      );
    }
    const users = (await this.usage.usageOf([name])).get(name)?.get(version);
    if (users?.length) {
      throw new ConflictError(
        `version ${version} of image ${name} is used by ${describeUsers(
          users,
        )}; remove it from those specs first`,
      );
    }

    await this.store.delete(record.storageKey);
    const { imageDeleted } = await this.images.deleteVersion(record.id);
    await this.audit.append({
      actorRef,
      action: 'image.version.deleted',
      targetRef: imageEntityRef(name),
      details: {
        version,
        status: record.status,
        sizeBytes: record.sizeBytes,
        ...(record.sha256 ? { sha256: record.sha256 } : {}),
      },
    });
    if (imageDeleted) {
      await this.publisher.publish({
        upserted: [],
        removed: [imageEntityRef(name)],
      });
    } else {
      await this.publishImage(name);
    }
  }

  /**
   * Cleans up after a crash, at start-up: uploads left `uploading` become
   * `failed` and lose their bytes; partial objects, and objects of versions
   * that did not succeed, are removed from the image store. Objects no
   * version knows at all are kept and reported: they mean the store holds
   * another database's images (a restored backup, a test database pointed
   * at a developer's store), and deleting them would lose data. Assumes no
   * other backend instance is uploading into the same database right now.
   */
  async recover(): Promise<RecoveryReport> {
    const stuck = await this.images.findStuckUploads();
    for (const upload of stuck) {
      await this.images.markFailed(upload.versionId, INTERRUPTED_REASON);
      await this.store.delete(upload.storageKey);
    }
    const partialObjects = await this.store.removeIncomplete();

    let orphanedObjects = 0;
    const unknownObjects: string[] = [];
    let batch: string[] = [];
    const sweep = async () => {
      const statuses = await this.images.storageKeyStatuses(batch);
      for (const key of batch) {
        const status = statuses.get(key);
        if (status === undefined) {
          unknownObjects.push(key);
        } else if (status !== 'succeeded') {
          await this.store.delete(key);
          orphanedObjects += 1;
        }
      }
      batch = [];
    };
    for await (const key of this.store.list()) {
      batch.push(key);
      if (batch.length === 500) {
        await sweep();
      }
    }
    await sweep();
    if (unknownObjects.length > 0) {
      this.logger.warn(
        `The image store holds ${unknownObjects.length} objects no image version of this database knows ` +
          `(e.g. ${unknownObjects
            .slice(0, 3)
            .join(
              ', ',
            )}); they are kept. Is the store shared with another database?`,
      );
    }

    for (const name of new Set(stuck.map(upload => upload.imageName))) {
      await this.publishImage(name);
    }
    return {
      interrupted: stuck.length,
      partialObjects,
      orphanedObjects,
      unknownObjects: unknownObjects.length,
    };
  }

  /** Every image as a catalog entity, for the catalog's full sync. */
  async catalogEntities(): Promise<Entity[]> {
    const entities: Entity[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.images.listImages({ limit: 500, cursor });
      entities.push(...page.items.map(toImageEntity));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return entities;
  }

  /** Whether no image exists yet (the demo seed runs only then). */
  async isEmpty(): Promise<boolean> {
    return this.images.isEmpty();
  }

  private async ingest(
    body: Readable,
    fileName: ImageFileName,
    options: { ownerRef: string; actorRef: string; signal?: AbortSignal },
  ): Promise<UploadOutcome> {
    const { ownerRef, actorRef, signal } = options;
    const image = await this.images.findOrCreateImage({
      name: fileName.name,
      ownerRef,
      kind: fileName.kind,
      createdBy: actorRef,
    });
    if (image.ownerRef !== ownerRef) {
      throw new ConflictError(
        `image name ${image.name} belongs to ${image.ownerRef}; choose another name`,
      );
    }
    if (image.kind !== fileName.kind) {
      throw new ConflictError(
        `image ${image.name} holds ${image.kind} images, this file is a ${fileName.kind} image; choose another name`,
      );
    }

    const existing = (await this.images.findImage(image.name))?.versions.find(
      v => v.version === fileName.version,
    );
    if (existing?.status === 'succeeded') {
      return this.compareWithExisting(body, fileName, image, existing, signal);
    }
    const version =
      existing?.status === 'uploading'
        ? undefined
        : await this.images.beginVersion({
            imageId: image.id,
            version: fileName.version,
            storageKey: storageKeyFor(fileName),
            uploadedBy: actorRef,
          });
    if (!version) {
      throw new ConflictError(
        `version ${fileName.version} of image ${image.name} is being uploaded right now; wait for that upload to end`,
      );
    }
    await this.publishImage(image.name);

    try {
      const result = await this.streamIntoStore(
        body,
        fileName,
        version.storageKey,
        signal,
      );
      const stored = await this.images.markSucceeded(version.id, {
        sizeBytes: result.sizeBytes,
        unpackedBytes: result.unpackedBytes,
        sha256: result.sha256,
      });
      if (!stored) {
        // a restart elsewhere declared this upload dead and removed it
        await this.store.delete(version.storageKey);
        throw new ConflictError(
          `the upload of ${image.name} ${fileName.version} was interrupted; upload it again`,
        );
      }
      await this.audit.append({
        actorRef,
        action: 'image.version.uploaded',
        targetRef: imageEntityRef(image.name),
        details: {
          version: stored.version,
          sizeBytes: stored.sizeBytes,
          sha256: result.sha256,
        },
      });
      await this.publishImage(image.name);
      return { created: true, image, version: stored };
    } catch (error) {
      // failed first: bytes of a failed version are orphans the next
      // recover() removes, should the delete not happen
      await this.images.markFailed(version.id, failureReason(error, signal));
      await this.store.delete(version.storageKey);
      await this.publishImage(image.name);
      if (!isImageRuleError(error) && !signal?.aborted) {
        this.logger.error(
          `Upload of ${image.name} ${fileName.version} failed`,
          error as Error,
        );
      }
      throw error;
    }
  }

  /**
   * Pipes the upload through the inspector into the store. Resolves once
   * the inspector has accepted the file and the store holds it; otherwise
   * rejects, with the inspector's rule error when there is one, after every
   * part has settled (so no write is still under way).
   */
  private async streamIntoStore(
    body: Readable,
    fileName: ImageFileName,
    storageKey: string,
    signal?: AbortSignal,
  ): Promise<InspectionResult> {
    const inspector = createImageInspector({
      fileName,
      maxBytes: this.maxBytes,
    });
    // the store reads the inspector's output directly: no stage in between
    const [piped, written, inspected] = await Promise.allSettled([
      pipeline(body, inspector.stream, signal ? { signal } : {}),
      this.store.write(storageKey, inspector.stream),
      inspector.result,
    ]);
    rethrowFirst([inspected, piped, written]);
    return (inspected as PromiseFulfilledResult<InspectionResult>).value;
  }

  /**
   * Same name and version as a succeeded version: inspect the bytes without
   * storing them, and accept only identical content.
   */
  private async compareWithExisting(
    body: Readable,
    fileName: ImageFileName,
    image: ImageRecord,
    existing: ImageVersionRecord,
    signal?: AbortSignal,
  ): Promise<UploadOutcome> {
    const inspector = createImageInspector({
      fileName,
      maxBytes: this.maxBytes,
    });
    const discard = new Writable({
      write(_chunk, _encoding, callback) {
        callback();
      },
    });
    const [piped, inspected] = await Promise.allSettled([
      pipeline(body, inspector.stream, discard, signal ? { signal } : {}),
      inspector.result,
    ]);
    rethrowFirst([inspected, piped]);
    const { sha256 } = (inspected as PromiseFulfilledResult<InspectionResult>)
      .value;
    if (sha256 !== existing.sha256) {
      throw new ConflictError(
        `version ${existing.version} of image ${image.name} already exists with other content ` +
          `(sha256 ${existing.sha256}, this file ${sha256}); upload it as a new version`,
      );
    }
    return { created: false, image, version: existing };
  }

  private async findImageOrThrow(name: string): Promise<ImageWithVersions> {
    const image = await this.images.findImage(name);
    if (!image) {
      throw new NotFoundError(`no image named ${name}`);
    }
    return image;
  }

  private async publishImage(name: string): Promise<void> {
    const image = await this.images.findImage(name);
    await this.publisher.publish(
      image
        ? { upserted: [toImageEntity(image)], removed: [] }
        : { upserted: [], removed: [imageEntityRef(name)] },
    );
  }
}

/** Unique per upload attempt, so a retry never touches an earlier attempt's bytes. */
function storageKeyFor(fileName: ImageFileName): string {
  return `${fileName.name}/${fileName.version}-${randomBytes(8).toString(
    'hex',
  )}`;
}

/** The error to report: a rule the file broke beats the stream errors it caused. */
function rethrowFirst(results: PromiseSettledResult<unknown>[]): void {
  const failures = results.filter(
    (r): r is PromiseRejectedResult => r.status === 'rejected',
  );
  if (failures.length === 0) {
    return;
  }
  const rule = failures.find(f => isImageRuleError(f.reason));
  throw (rule ?? failures[0]).reason;
}

function failureReason(error: unknown, signal?: AbortSignal): string {
  if (signal?.aborted) {
    return ABORTED_REASON;
  }
  if (isImageRuleError(error)) {
    return error.message;
  }
  return `the upload could not be stored: ${
    error instanceof Error ? error.message : String(error)
  }`;
}

function describeUsers(
  users: { app: string; appTitle: string; spec: string }[],
): string {
  return users
    .map(user =>
      user.app
        ? `${user.appTitle} (${user.app}, spec ${user.spec})`
        : `spec ${user.spec}`,
    )
    .join(', ');
}

function toListItem(
  shown: ImageWithVersions,
  whole: ImageWithVersions,
  usage: ImageUsageMap,
): ImageListItem {
  const succeeded = whole.versions.filter(v => v.status === 'succeeded');
  return {
    name: shown.name,
    kind: shown.kind,
    owner: shown.ownerRef,
    entityRef: imageEntityRef(shown.name),
    latestVersion: succeeded[0]?.version ?? null,
    totalSizeBytes: succeeded.reduce((sum, v) => sum + v.sizeBytes, 0),
    updatedAt: whole.updatedAt,
    versions: shown.versions.map(
      (version): ImageVersionListItem => ({
        version: version.version,
        status: version.status,
        sizeBytes: version.sizeBytes,
        ...(version.sha256 ? { sha256: version.sha256 } : {}),
        uploadedAt: version.createdAt,
        ...(version.failureReason
          ? { failureReason: version.failureReason }
          : {}),
        usedBy: usage.get(shown.name)?.get(version.version) ?? [],
      }),
    ),
  };
}
