import {
  CreateMultipartUploadCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
} from '@aws-sdk/client-s3';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// the real iot plugin, to show it gets and uses the store (test only)
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import iotPlugin from '@internal/backstage-plugin-iot-backend';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  describeWithMoto,
  MOTO_CREDENTIALS,
  MotoServer,
  startMotoServer,
} from './__testUtils__/motoServer';
import { iotModuleS3ImageStore } from './module';

jest.setTimeout(60_000);

describeWithMoto('iotModuleS3ImageStore', () => {
  let moto: MotoServer;
  let bucket: string;
  let localDirectory: string;

  beforeAll(async () => {
    moto = await startMotoServer();
  });

  afterAll(async () => {
    await moto?.stop();
  });

  beforeEach(async () => {
    bucket = await moto.createBucket();
    localDirectory = await fs.mkdtemp(path.join(os.tmpdir(), 'iot-s3-'));
    // what a crash mid-upload leaves behind
    await moto.client.send(
      new CreateMultipartUploadCommand({
        Bucket: bucket,
        Key: 'iot/images/parking-server/1.4.2-crashed',
      }),
    );
  });

  afterEach(async () => {
    await fs.rm(localDirectory, { recursive: true, force: true });
  });

  const s3Config = () => ({
    bucket,
    region: 'us-east-1',
    endpoint: moto.endpoint,
    forcePathStyle: true,
    credentials: MOTO_CREDENTIALS,
    prefix: 'iot/images',
  });

  /**
   * The real iot plugin with its demo images on: at start it cleans up its
   * image store and then uploads the two demo images into it.
   */
  function startIot(images: object) {
    return startTestBackend({
      features: [
        iotPlugin,
        iotModuleS3ImageStore,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: { iot: { images, demo: { seed: true } } },
        }),
      ],
    });
  }

  async function objectKeys() {
    const { Contents } = await moto.client.send(
      new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1000 }),
    );
    return (Contents ?? []).map(object => object.Key).sort();
  }

  async function multipartKeys() {
    const { Uploads } = await moto.client.send(
      new ListMultipartUploadsCommand({ Bucket: bucket }),
    );
    return (Uploads ?? []).map(upload => upload.Key);
  }

  it('gives the iot plugin the S3 store when iot.images.s3 is set', async () => {
    const backend = await startIot({
      local: { directory: localDirectory },
      s3: s3Config(),
    });
    try {
      expect(await objectKeys()).toEqual([
        expect.stringMatching(
          /^iot\/images\/energy-collector\/2\.0\.0-[0-9a-f]{16}$/,
        ),
        expect.stringMatching(
          /^iot\/images\/parking-server\/1\.4\.2-[0-9a-f]{16}$/,
        ),
      ]);
      expect(await multipartKeys()).toEqual([]);
      expect(await fs.readdir(localDirectory)).toEqual([]);
    } finally {
      await backend.stop();
    }
  });

  it('does nothing without iot.images.s3: the plugin keeps its local store', async () => {
    const backend = await startIot({ local: { directory: localDirectory } });
    try {
      expect((await fs.readdir(localDirectory)).sort()).toEqual([
        'energy-collector',
        'parking-server',
      ]);
      expect(await objectKeys()).toEqual([]);
      expect(await multipartKeys()).toEqual([
        'iot/images/parking-server/1.4.2-crashed',
      ]);
    } finally {
      await backend.stop();
    }
  });

  it('fails the start-up on an incomplete iot.images.s3, naming the missing key', async () => {
    const { bucket: _omitted, ...withoutBucket } = s3Config();

    await expect(startIot({ s3: withoutBucket })).rejects.toThrow(
      "Missing required config value at 'iot.images.s3.bucket'",
    );
  });
});
