import {
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { ConfigReader } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import {
  describeWithMoto,
  MOTO_CREDENTIALS,
  MotoServer,
  startMotoServer,
} from './__testUtils__/motoServer';
import { S3ImageStore } from './S3ImageStore';

jest.setTimeout(60_000);

const MiB = 1024 * 1024;

describeWithMoto('S3ImageStore', () => {
  let moto: MotoServer;
  let bucket: string;
  let store: S3ImageStore;

  beforeAll(async () => {
    moto = await startMotoServer();
  });

  afterAll(async () => {
    await moto?.stop();
  });

  beforeEach(async () => {
    bucket = await moto.createBucket();
    // S3's smallest part size, so that a few MiB make a multipart upload
    store = new S3ImageStore({
      client: moto.client,
      bucket,
      prefix: 'iot/images',
      partSizeBytes: 5 * MiB,
      queueSize: 2,
    });
  });

  async function keys(of: S3ImageStore = store) {
    const found: string[] = [];
    for await (const key of of.list()) {
      found.push(key);
    }
    return found.sort();
  }

  async function multipartUploads(prefix = 'iot/images/') {
    const { Uploads } = await moto.client.send(
      new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: prefix }),
    );
    return Uploads ?? [];
  }

  async function objectExists(objectKey: string) {
    try {
      await moto.client.send(
        new HeadObjectCommand({ Bucket: bucket, Key: objectKey }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'NotFound') {
        return false;
      }
      throw error;
    }
  }

  /** Writes `bytes` in 256 KiB chunks, respecting backpressure. */
  async function feed(body: PassThrough, bytes: number) {
    const chunk = randomBytes(256 * 1024);
    for (let sent = 0; sent < bytes; sent += chunk.length) {
      if (!body.write(chunk)) {
        await once(body, 'drain');
      }
    }
  }

  /** Resolves once the write's multipart upload has at least one part. */
  async function firstPartStored() {
    for (let attempt = 0; attempt < 200; attempt++) {
      const [upload] = await multipartUploads();
      if (upload) {
        const { Parts } = await moto.client.send(
          new ListPartsCommand({
            Bucket: bucket,
            Key: upload.Key,
            UploadId: upload.UploadId,
          }),
        );
        if (Parts?.length) {
          return;
        }
      }
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    throw new Error('the write never stored a part');
  }

  it('streams a multipart write and reads the same bytes back', async () => {
    const sent = createHash('sha256');
    async function* twelveMiB() {
      for (let i = 0; i < 48; i++) {
        const chunk = randomBytes(256 * 1024);
        sent.update(chunk);
        yield chunk;
      }
    }

    const result = await store.write(
      'parking-server/1.4.2-abc',
      Readable.from(twelveMiB()),
    );

    expect(result).toEqual({ sizeBytes: 12 * MiB });
    const head = await moto.client.send(
      new HeadObjectCommand({
        Bucket: bucket,
        Key: 'iot/images/parking-server/1.4.2-abc',
      }),
    );
    expect(head.ContentLength).toBe(12 * MiB);
    // a multipart object's ETag counts its parts: 5 + 5 + 2 MiB
    expect(head.ETag).toMatch(/-3"$/);
    const received = createHash('sha256');
    for await (const chunk of await store.read('parking-server/1.4.2-abc')) {
      received.update(chunk);
    }
    expect(received.digest('hex')).toBe(sent.digest('hex'));
    expect(await multipartUploads()).toEqual([]);
  });

  it('shows nothing under the key until the write has ended', async () => {
    const body = new PassThrough();
    const writing = store.write('a/b', body);
    await feed(body, 6 * MiB);
    await firstPartStored();

    expect(await keys()).toEqual([]);
    expect(await objectExists('iot/images/a/b')).toBe(false);
    await expect(store.read('a/b')).rejects.toThrow(NotFoundError);

    body.end('the rest');
    await expect(writing).resolves.toEqual({ sizeBytes: 6 * MiB + 8 });
    expect(await keys()).toEqual(['a/b']);
    expect(await multipartUploads()).toEqual([]);
  });

  it.each([
    ['is destroyed', undefined, 'Premature close'],
    ['errors', new Error('client went away'), 'client went away'],
  ])(
    'leaves neither object nor parts when the body %s mid-stream',
    async (_case, error, message) => {
      const body = new PassThrough();
      const writing = store.write('parking-server/1.4.2-abc', body);
      await feed(body, 6 * MiB);
      await firstPartStored();
      expect(await multipartUploads()).toHaveLength(1);

      body.destroy(error);

      await expect(writing).rejects.toThrow(message);
      expect(await multipartUploads()).toEqual([]);
      expect(await objectExists('iot/images/parking-server/1.4.2-abc')).toBe(
        false,
      );
      expect(await keys()).toEqual([]);
    },
  );

  it('leaves nothing when the body fails before the first part', async () => {
    const body = new PassThrough();
    const writing = store.write('a/b', body);
    body.write('a few bytes');
    body.destroy(new Error('client went away'));

    await expect(writing).rejects.toThrow('client went away');
    expect(await objectExists('iot/images/a/b')).toBe(false);
    expect(await multipartUploads()).toEqual([]);
  });

  it('rejects with the S3 error and stops reading the body when S3 refuses the write', async () => {
    const missingBucket = new S3ImageStore({
      client: moto.client,
      bucket: 'no-such-bucket',
      partSizeBytes: 5 * MiB,
    });
    const body = new PassThrough();
    const writing = missingBucket.write('a/b', body);
    // more than the upload reads ahead, so an unread body would stall here
    const feeding = feed(body, 24 * MiB).catch(() => undefined);

    await expect(writing).rejects.toThrow(
      expect.objectContaining({ name: 'NoSuchBucket' }),
    );
    expect(body.destroyed).toBe(true);
    await feeding;
  });

  it('lists every complete object under the prefix, page by page', async () => {
    const written = ['a/1', 'a/2', 'b/1', 'c/1', 'c/2'];
    for (const key of written) {
      await store.write(key, Readable.from([Buffer.from(key)]));
    }
    await moto.client.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'other/x', Body: 'x' }),
    );
    await moto.client.send(
      new CreateMultipartUploadCommand({
        Bucket: bucket,
        Key: 'iot/images/d/1',
      }),
    );

    // the test server answers two keys per page
    expect(await keys()).toEqual(written);
    expect(await text(await store.read('c/2'))).toBe('c/2');
  });

  it('deletes idempotently', async () => {
    await store.write('a/b', Readable.from([Buffer.from('bytes')]));

    await store.delete('a/b');
    await store.delete('a/b');

    expect(await keys()).toEqual([]);
    await expect(store.read('a/b')).rejects.toThrow(NotFoundError);
  });

  it('rejects a read of an absent key with a NotFoundError naming it', async () => {
    await expect(store.read('parking-server/9.9.9-none')).rejects.toThrow(
      new NotFoundError(
        `No stored image under key 'parking-server/9.9.9-none' in s3://${bucket}/iot/images/`,
      ),
    );
  });

  it('aborts the multipart uploads interrupted writes left under the prefix', async () => {
    const started = async (Key: string) => {
      const { UploadId } = await moto.client.send(
        new CreateMultipartUploadCommand({ Bucket: bucket, Key }),
      );
      return UploadId!;
    };
    const withPart = await started('iot/images/a/1');
    await moto.client.send(
      new UploadPartCommand({
        Bucket: bucket,
        Key: 'iot/images/a/1',
        UploadId: withPart,
        PartNumber: 1,
        Body: randomBytes(1024),
      }),
    );
    await started('iot/images/b/1');
    await started('elsewhere/c/1');

    expect(await store.removeIncomplete()).toBe(2);

    expect(await multipartUploads()).toEqual([]);
    expect((await multipartUploads('')).map(u => u.Key)).toEqual([
      'elsewhere/c/1',
    ]);
    expect(await store.removeIncomplete()).toBe(0);
  });

  it('reads its settings from config and normalises the prefix', async () => {
    const configured = S3ImageStore.fromConfig(
      new ConfigReader({
        bucket,
        region: 'us-east-1',
        endpoint: moto.endpoint,
        forcePathStyle: true,
        credentials: MOTO_CREDENTIALS,
        prefix: '/iot/images/',
      }),
    );

    await configured.write('a/b', Readable.from([Buffer.from('bytes')]));

    expect(configured.location).toBe(`s3://${bucket}/iot/images/`);
    expect(await objectExists('iot/images/a/b')).toBe(true);
    expect(await keys()).toEqual(['a/b']);
  });
});
