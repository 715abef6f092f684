import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  NoSuchKey,
  NoSuchUpload,
  paginateListObjectsV2,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Config } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import { ImageStore } from '@internal/backstage-plugin-iot-node';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Config key of this store; the module registers it only when the key is set. */
export const S3_CONFIG_KEY = 'iot.images.s3';

/** 16 MiB parts: a 2 GiB image is 128 parts, far below S3's 10,000. */
const DEFAULT_PART_SIZE_BYTES = 16 * 1024 * 1024;

/**
 * Parts sent at once. A write holds the parts being sent, the one being
 * filled and lib-storage's copy of it when it is cut: about
 * (queueSize + 2) × partSize = 64 MiB (measured: RSS +360 MiB for four
 * concurrent 512 MiB writes, uncollected garbage included).
 */
const DEFAULT_QUEUE_SIZE = 2;

/**
 * An image store on S3-compatible object storage (AWS S3, MinIO, Ceph, ...).
 * An image is one object under `<prefix><key>`. A write is a multipart
 * upload that S3 publishes only when it completes, so a key only ever names
 * complete bytes; an interrupted write leaves an unfinished multipart upload
 * that is aborted on failure or, after a crash, by
 * {@link S3ImageStore.removeIncomplete}.
 */
export class S3ImageStore implements ImageStore {
  /** A store from the `iot.images.s3` block of the app config. */
  static fromConfig(config: Config): S3ImageStore {
    const credentials = config.getOptionalConfig('credentials');
    const client = new S3Client({
      region: config.getString('region'),
      endpoint: config.getOptionalString('endpoint'),
      forcePathStyle: config.getOptionalBoolean('forcePathStyle') ?? false,
      // without credentials the SDK uses its default chain (environment,
      // profile, web identity, container and instance roles)
      credentials: credentials && {
        accessKeyId: credentials.getString('accessKeyId'),
        secretAccessKey: credentials.getString('secretAccessKey'),
      },
    });
    return new S3ImageStore({
      client,
      bucket: config.getString('bucket'),
      prefix: config.getOptionalString('prefix'),
    });
  }

  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly partSizeBytes: number;
  private readonly queueSize: number;

  constructor(options: {
    client: S3Client;
    bucket: string;
    /** Prepended to every key; a missing trailing '/' is added. */
    prefix?: string;
    /** Size of the multipart upload parts; S3's minimum is 5 MiB. */
    partSizeBytes?: number;
    /** Parts uploaded concurrently by one write. */
    queueSize?: number;
  }) {
    this.client = options.client;
    this.bucket = options.bucket;
    const prefix = (options.prefix ?? '').replace(/^\/+|\/+$/g, '');
    this.prefix = prefix ? `${prefix}/` : '';
    this.partSizeBytes = options.partSizeBytes ?? DEFAULT_PART_SIZE_BYTES;
    this.queueSize = options.queueSize ?? DEFAULT_QUEUE_SIZE;
  }

  /** Where the objects are, for log lines: `s3://bucket/prefix`. */
  get location(): string {
    return `s3://${this.bucket}/${this.prefix}`;
  }

  async write(key: string, body: Readable): Promise<{ sizeBytes: number }> {
    let sizeBytes = 0;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        sizeBytes += chunk.length;
        callback(null, chunk);
      },
    });
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: this.objectKey(key), Body: counted },
      partSize: this.partSizeBytes,
      queueSize: this.queueSize,
      // on any failure, done() aborts the multipart upload (S3 then deletes
      // the parts sent so far) before it rejects
      leavePartsOnError: false,
    });
    const results = await Promise.allSettled([
      upload.done(),
      // destroys `counted` when `body` errors or ends early, which fails the
      // upload instead of completing it with partial bytes; when the upload
      // fails first, it stops iterating `counted`, which destroys it and so
      // releases `body`
      pipeline(body, counted),
    ]);
    for (const result of results) {
      if (result.status === 'rejected') {
        throw result.reason;
      }
    }
    return { sizeBytes };
  }

  async read(key: string): Promise<Readable> {
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }),
      );
      return object.Body as Readable;
    } catch (error) {
      if (error instanceof NoSuchKey) {
        throw new NotFoundError(
          `No stored image under key '${key}' in ${this.location}`,
        );
      }
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    // S3 answers a delete of an absent key with success
    await this.client.send(
      new DeleteObjectCommand({
        Bucket: this.bucket,
        Key: this.objectKey(key),
      }),
    );
  }

  async *list(): AsyncIterable<string> {
    const pages = paginateListObjectsV2(
      { client: this.client },
      { Bucket: this.bucket, Prefix: this.prefix },
    );
    for await (const page of pages) {
      for (const object of page.Contents ?? []) {
        const key = object.Key?.slice(this.prefix.length);
        if (key) {
          yield key;
        }
      }
    }
  }

  /**
   * Aborts every unfinished multipart upload under the prefix. The iot
   * plugin calls this at start-up, before it accepts uploads, and runs as
   * one replica, so none of them belongs to a write still under way.
   */
  async removeIncomplete(): Promise<number> {
    let removed = 0;
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    for (;;) {
      const page = await this.client.send(
        new ListMultipartUploadsCommand({
          Bucket: this.bucket,
          Prefix: this.prefix,
          KeyMarker: keyMarker,
          UploadIdMarker: uploadIdMarker,
        }),
      );
      for (const { Key, UploadId } of page.Uploads ?? []) {
        try {
          await this.client.send(
            new AbortMultipartUploadCommand({
              Bucket: this.bucket,
              Key,
              UploadId,
            }),
          );
          removed += 1;
        } catch (error) {
          // already completed or aborted since the listing: nothing left
          if (!(error instanceof NoSuchUpload)) {
            throw error;
          }
        }
      }
      if (!page.IsTruncated) {
        return removed;
      }
      keyMarker = page.NextKeyMarker;
      uploadIdMarker = page.NextUploadIdMarker;
    }
  }

  private objectKey(key: string): string {
    return `${this.prefix}${key}`;
  }
}
