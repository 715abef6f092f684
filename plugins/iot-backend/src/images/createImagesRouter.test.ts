import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import {
  ImageStore,
  iotImageStoreExtensionPoint,
} from '@internal/backstage-plugin-iot-node';
import fs from 'node:fs/promises';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import request from 'supertest';
import { createAppWithSpec } from '../__testUtils__/apps';
import { as, startIotBackend } from '../__testUtils__/testBackend';
import { ImagesStore } from './ImagesStore';
import {
  createArchiveWithMissingLayer,
  createArchiveWithoutManifest,
  createDeclaredSizeBomb,
  createDockerSaveArchive,
  createOutsideLinkArchive,
  createRandomBytes,
  createTruncatedGzip,
  createTruncatedTar,
  createVmImage,
  createZipSlipArchive,
} from './ingest/samples';
import { mockServices } from '@backstage/backend-test-utils';

jest.setTimeout(60_000);

type Backend = Awaited<ReturnType<typeof startIotBackend>>;

describe('image routes', () => {
  let directory: string;
  let backend: Backend | undefined;

  beforeEach(async () => {
    directory = await fs.mkdtemp(path.join(os.tmpdir(), 'iot-router-'));
  });

  afterEach(async () => {
    await backend?.stop();
    backend = undefined;
    await fs.rm(directory, { recursive: true, force: true });
  });

  async function start(
    options: Partial<Parameters<typeof startIotBackend>[0]> = {},
  ) {
    backend = await startIotBackend({ directory, ...options });
    return backend;
  }

  function upload(
    persona: string | undefined,
    bytes: Buffer,
    fileName: string,
    fields: Record<string, string> = {},
  ) {
    const req = request(backend!.server).post('/api/iot/images');
    if (persona) {
      req.set('Authorization', as(persona));
    }
    for (const [name, value] of Object.entries(fields)) {
      req.field(name, value);
    }
    return req.attach('file', bytes, fileName);
  }

  async function list(persona: string, query = '') {
    const response = await request(backend!.server)
      .get(`/api/iot/images${query}`)
      .set('Authorization', as(persona));
    return response;
  }

  async function storedFiles(): Promise<string[]> {
    return (
      await fs.readdir(directory, { recursive: true, withFileTypes: true })
    )
      .filter(entry => entry.isFile())
      .map(entry =>
        path.relative(directory, path.join(entry.parentPath, entry.name)),
      )
      .sort();
  }

  async function versionOf(name: string, version: string) {
    const response = await list('rita', `?name=${name}`);
    return response.body.items
      .find((item: { name: string }) => item.name === name)
      ?.versions.find((v: { version: string }) => v.version === version);
  }

  const parkingServer = createDockerSaveArchive({ tag: '1.4.2' });

  describe('POST /images', () => {
    it('stores a docker image of an ISV and answers 201 with the version', async () => {
      await start();

      const response = await upload(
        'alice',
        parkingServer,
        'docker_parking-server_1.4.2.tar',
        { kind: 'docker' },
      );

      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        name: 'parking-server',
        version: '1.4.2',
        kind: 'docker',
        sizeBytes: parkingServer.length,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        status: 'succeeded',
      });
      expect(await storedFiles()).toEqual([
        expect.stringMatching(/^parking-server\/1\.4\.2-[0-9a-f]{16}$/),
      ]);
      expect(backend!.events.at(-1)?.eventPayload).toMatchObject({
        upserted: [
          {
            kind: 'IotImage',
            metadata: { name: 'parking-server' },
            spec: { versions: [{ version: '1.4.2', status: 'succeeded' }] },
          },
        ],
        removed: [],
      });
    });

    it('stores gzip-compressed docker images and VM images recognised by content', async () => {
      await start();

      const gz = await upload(
        'alice',
        createDockerSaveArchive({ tag: '2.0.0', gzip: true }),
        'docker_parking-server_2.0.0.tar.gz',
      );
      const vm = await upload(
        'bob',
        createVmImage('vhd-dynamic'),
        // the extension is informational: the content is a vhd
        'vm_energy-collector_2.0.0.img',
        { kind: 'vm' },
      );

      expect(gz.status).toBe(201);
      expect(vm.status).toBe(201);
      expect(vm.body).toMatchObject({ kind: 'vm', name: 'energy-collector' });
    });

    it('answers 401 without a token', async () => {
      await start();

      const response = await upload(
        undefined,
        parkingServer,
        'docker_parking-server_1.4.2.tar',
      );

      expect(response.status).toBe(401);
      expect(response.body.error.name).toBe('AuthenticationError');
    });

    it.each(['rita', 'sam'])(
      'answers 403 naming the permission when %s (not an ISV) uploads',
      async persona => {
        await start();

        const response = await upload(
          persona,
          parkingServer,
          'docker_parking-server_1.4.2.tar',
        );

        expect(response.status).toBe(403);
        expect(response.body.error).toMatchObject({
          name: 'NotAllowedError',
          message: 'missing permission iot.image.create',
        });
        expect(await storedFiles()).toEqual([]);
      },
    );

    it('answers 403 when a service token uploads', async () => {
      await start();

      const response = await request(backend!.server)
        .post('/api/iot/images')
        .set('Authorization', mockCredentials.service.header())
        .attach('file', parkingServer, 'docker_parking-server_1.4.2.tar');

      expect(response.status).toBe(403);
    });

    it.each([
      ['a name without kind prefix', 'parking-server_1.4.2.tar'],
      ['a .tgz extension', 'docker_parking-server_1.4.2.tgz'],
      ['upper case in the name', 'docker_Parking_1.4.2.tar'],
      ['a dollar sign in the version', 'docker_parking-server_1.4$2.tar'],
      ['an unknown VM extension', 'vm_energy-collector_2.0.0.ova'],
    ])('answers 400 for %s', async (_what, fileName) => {
      await start();

      const response = await upload('alice', parkingServer, fileName);

      expect(response.status).toBe(400);
      expect(response.body.error.name).toBe('InputError');
      expect(response.body.error.message).toContain('rule: file-name');
      expect(response.body.error.message).toContain(fileName);
      expect((await list('rita')).body.items).toEqual([]);
    });

    it('answers 400 when the kind field contradicts the file name', async () => {
      await start();

      const response = await upload(
        'alice',
        parkingServer,
        'docker_parking-server_1.4.2.tar',
        { kind: 'vm' },
      );

      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(
        /the kind field says 'vm' but the file name/,
      );
    });

    it('answers 400 for a body that is not multipart or has no file', async () => {
      await start();

      const json = await request(backend!.server)
        .post('/api/iot/images')
        .set('Authorization', as('alice'))
        .send({ file: 'x' });
      const noFile = await request(backend!.server)
        .post('/api/iot/images')
        .set('Authorization', as('alice'))
        .field('kind', 'docker');
      const badField = await upload(
        'alice',
        parkingServer,
        'docker_parking-server_1.4.2.tar',
        { kind: 'zip' },
      );

      expect(json.status).toBe(400);
      expect(json.body.error.message).toMatch(/must be multipart\/form-data/);
      expect(noFile.status).toBe(400);
      expect(noFile.body.error.message).toMatch(/the upload has no file/);
      expect(badField.status).toBe(400);
      expect(badField.body.error.message).toMatch(/invalid form fields: kind/);
    });

    it.each([
      ['random bytes named .tar', createRandomBytes(4096), 'docker_x_1.0.tar'],
      [
        'random bytes named .tar.gz',
        createRandomBytes(4096),
        'docker_x_1.0.tar.gz',
      ],
      ['a VM image named .tar', createVmImage('qcow2'), 'docker_x_1.0.tar'],
      [
        'random bytes named .qcow2',
        createRandomBytes(64 * 1024),
        'vm_x_1.0.qcow2',
      ],
      ['a docker archive named .iso', parkingServer, 'vm_x_1.0.iso'],
    ])(
      'answers 415 for %s and records the failure',
      async (_what, bytes, fileName) => {
        await start();

        const response = await upload('alice', bytes, fileName);

        expect(response.status).toBe(415);
        expect(response.body.error).toMatchObject({
          name: 'UnsupportedMediaTypeError',
          message: expect.stringMatching(/rule: (archive-format|vm-format)/),
        });
        expect(await versionOf('x', '1.0')).toMatchObject({
          status: 'failed',
          failureReason: response.body.error.message,
          sizeBytes: 0,
        });
        expect(await storedFiles()).toEqual([]);
      },
    );

    it.each([
      [
        'a layer listed but missing',
        createArchiveWithMissingLayer(),
        'docker_x_1.0.tar',
        'docker-save',
      ],
      [
        'neither manifest.json nor repositories',
        createArchiveWithoutManifest(),
        'docker_x_1.0.tar',
        'docker-save',
      ],
      [
        'a truncated gzip',
        createTruncatedGzip(),
        'docker_x_1.0.tar.gz',
        'archive-integrity',
      ],
      [
        'a truncated tar',
        createTruncatedTar(),
        'docker_x_1.0.tar',
        'archive-integrity',
      ],
      [
        'a path leaving the archive',
        createZipSlipArchive(),
        'docker_x_1.0.tar',
        'safe-paths',
      ],
      [
        'a link pointing outside',
        createOutsideLinkArchive(),
        'docker_x_1.0.tar',
        'safe-paths',
      ],
      [
        'gzip content named .tar',
        createDockerSaveArchive({ gzip: true }),
        'docker_x_1.0.tar',
        'extension-matches-content',
      ],
      [
        'a plain tar named .tar.gz',
        parkingServer,
        'docker_x_1.0.tar.gz',
        'extension-matches-content',
      ],
    ])('answers 422 for %s', async (_what, bytes, fileName, rule) => {
      await start();

      const response = await upload('alice', bytes, fileName);

      expect(response.status).toBe(422);
      expect(response.body.error).toMatchObject({
        name: 'UnprocessableEntityError',
        rule,
        message: expect.stringContaining(`rule: ${rule}`),
      });
      expect(await versionOf('x', '1.0')).toMatchObject({
        status: 'failed',
        failureReason: response.body.error.message,
      });
      expect(await storedFiles()).toEqual([]);
    });

    it('answers 413 for an upload over a small configured limit', async () => {
      await start({ maxBytes: 16 * 1024 });
      const tooBig = createDockerSaveArchive({ layerBytes: 32 * 1024 });

      const response = await upload('alice', tooBig, 'docker_x_1.0.tar');

      expect(response.status).toBe(413);
      expect(response.body.error).toMatchObject({
        name: 'PayloadTooLargeError',
        message: expect.stringMatching(/upload exceeds 16 KiB.*rule: max-size/),
      });
      expect(await versionOf('x', '1.0')).toMatchObject({ status: 'failed' });
      expect(await storedFiles()).toEqual([]);
    });

    it.each([
      ['plain', 'docker_x_1.0.tar', false],
      ['gzip-compressed', 'docker_x_1.0.tar.gz', true],
    ])(
      'answers 413 for a %s tar declaring more than 2 GiB, at the real limit',
      async (_what, fileName, gzip) => {
        await start();
        const bomb = createDeclaredSizeBomb({ gzip });
        expect(bomb.length).toBeLessThan(64 * 1024);

        const started = Date.now();
        const response = await upload('alice', bomb, fileName);

        expect(response.status).toBe(413);
        expect(response.body.error.message).toMatch(/2 GiB.*rule: max-size/);
        expect(Date.now() - started).toBeLessThan(5_000);
        expect(await storedFiles()).toEqual([]);
      },
    );

    it('answers 409 for other bytes under an existing version, 200 for the same bytes', async () => {
      await start();
      const first = await upload(
        'alice',
        parkingServer,
        'docker_parking-server_1.4.2.tar',
      );

      const same = await upload(
        'alice',
        parkingServer,
        'docker_parking-server_1.4.2.tar',
      );
      const other = await upload(
        'alice',
        createDockerSaveArchive({ tag: '1.4.2', layers: 3 }),
        'docker_parking-server_1.4.2.tar',
      );

      expect(same.status).toBe(200);
      expect(same.body).toEqual(first.body);
      expect(other.status).toBe(409);
      expect(other.body.error).toMatchObject({
        name: 'ConflictError',
        message: expect.stringMatching(
          /version 1\.4\.2 of image parking-server already exists with other content/,
        ),
      });
      expect(await storedFiles()).toHaveLength(1);
    });

    it("answers 409 naming the owner when an ISV uploads under another's name", async () => {
      await start();
      await upload('alice', parkingServer, 'docker_parking-server_1.4.2.tar');

      const response = await upload(
        'bob',
        createDockerSaveArchive({ tag: '9.0.0' }),
        'docker_parking-server_9.0.0.tar',
      );

      expect(response.status).toBe(409);
      expect(response.body.error.message).toBe(
        'image name parking-server belongs to group:default/isv-acme; choose another name',
      );
    });

    it('asks a member of several ISV groups for the owner field', async () => {
      await start();

      const without = await upload(
        'carol',
        parkingServer,
        'docker_parking-server_1.4.2.tar',
      );
      const withOwner = await upload(
        'carol',
        parkingServer,
        'docker_parking-server_1.4.2.tar',
        { owner: 'group:default/isv-initial' },
      );

      expect(without.status).toBe(400);
      expect(without.body.error.message).toMatch(
        /send the owning group in the 'owner' field/,
      );
      expect(withOwner.status).toBe(201);
      const [item] = (await list('rita')).body.items;
      expect(item.owner).toBe('group:default/isv-initial');
    });

    it('records an upload the client aborts as failed and keeps no bytes', async () => {
      await start();
      const { port } = backend!.server.address() as AddressInfo;
      const boundary = 'iot-test-boundary';
      const head = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="docker_parking-server_9.0.0.tar"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      );
      const body = createDockerSaveArchive({ layerBytes: 256 * 1024 });
      const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
      const client = http.request({
        port,
        method: 'POST',
        path: '/api/iot/images',
        headers: {
          authorization: as('alice'),
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': head.length + body.length + tail.length,
        },
      });
      client.on('error', () => {});
      client.write(head);
      client.write(body.subarray(0, 64 * 1024));

      await waitFor(
        async () =>
          (await versionOf('parking-server', '9.0.0'))?.status === 'uploading',
      );
      client.destroy();

      await waitFor(
        async () =>
          (await versionOf('parking-server', '9.0.0'))?.status === 'failed',
      );
      expect(await versionOf('parking-server', '9.0.0')).toMatchObject({
        failureReason: 'upload aborted by the client',
        sizeBytes: 0,
      });
      await waitFor(async () => (await storedFiles()).length === 0);
    });
  });

  describe('GET /images', () => {
    async function startWithImages() {
      await start();
      await upload('alice', parkingServer, 'docker_parking-server_1.4.2.tar');
      await upload(
        'alice',
        createDockerSaveArchive({ tag: '2.0.0' }),
        'docker_parking-server_2.0.0.tar',
      );
      await upload(
        'alice',
        createArchiveWithMissingLayer(),
        'docker_parking-gateway_0.1.0.tar',
      );
      await upload(
        'bob',
        createVmImage('qcow2'),
        'vm_energy-collector_2.0.0.qcow2',
      );
    }

    it('shows each ISV its own images and reviewers all of them', async () => {
      await startWithImages();

      const names = async (persona: string) =>
        (await list(persona)).body.items.map((i: { name: string }) => i.name);

      expect(await names('alice')).toEqual([
        'parking-gateway',
        'parking-server',
      ]);
      expect(await names('bob')).toEqual(['energy-collector']);
      expect(await names('rita')).toEqual([
        'energy-collector',
        'parking-gateway',
        'parking-server',
      ]);
      const sam = await list('sam');
      expect(sam.status).toBe(403);
      expect(sam.body.error.message).toBe('missing permission iot.image.read');
    });

    it('lists versions with sizes, upload times and the apps using them', async () => {
      await startWithImages();
      await createAppWithSpec(backend!.server, 'alice', {
        app: { name: 'Smart Parking' },
        spec: { name: 'Smart Parking — standard' },
        images: [{ name: 'parking-server', version: '1.4.2' }],
      });

      const response = await list('alice', '?name=server');

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        items: [
          {
            name: 'parking-server',
            kind: 'docker',
            owner: 'group:default/isv-acme',
            entityRef: 'iotimage:default/parking-server',
            latestVersion: '2.0.0',
            totalSizeBytes: expect.any(Number),
            updatedAt: expect.any(String),
            versions: [
              expect.objectContaining({ version: '2.0.0', usedBy: [] }),
              {
                version: '1.4.2',
                status: 'succeeded',
                sizeBytes: parkingServer.length,
                sha256: expect.any(String),
                uploadedAt: expect.any(String),
                usedBy: [
                  {
                    app: 'iotapp:default/smart-parking',
                    appTitle: 'Smart Parking',
                    spec: 'iotspec:default/smart-parking-standard',
                  },
                ],
              },
            ],
          },
        ],
        nextCursor: null,
      });
    });

    it('filters by status and pages with a cursor', async () => {
      await startWithImages();

      const failed = await list('rita', '?status=failed');
      const first = await list('rita', '?limit=2');
      const second = await list(
        'rita',
        `?limit=2&cursor=${first.body.nextCursor}`,
      );

      expect(failed.body.items.map((i: any) => i.name)).toEqual([
        'parking-gateway',
      ]);
      expect(failed.body.items[0].versions[0].failureReason).toMatch(
        /rule: docker-save/,
      );
      expect(first.body.items).toHaveLength(2);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      expect(second.body.items.map((i: any) => i.name)).toEqual([
        'parking-server',
      ]);
      expect(second.body.nextCursor).toBeNull();
    });

    it('answers 400 for an invalid query', async () => {
      await start();

      for (const query of [
        '?limit=501',
        '?status=done',
        '?sort=name',
        '?limit=0',
      ]) {
        const response = await list('alice', query);
        expect(response.status).toBe(400);
        expect(response.body.error.message).toMatch(/^invalid query: /);
      }
    });

    it('shows one image to its owner and to reviewers only', async () => {
      await startWithImages();

      const own = await request(backend!.server)
        .get('/api/iot/images/parking-server')
        .set('Authorization', as('alice'));
      const other = await request(backend!.server)
        .get('/api/iot/images/parking-server')
        .set('Authorization', as('bob'));
      const missing = await request(backend!.server)
        .get('/api/iot/images/nothing-here')
        .set('Authorization', as('alice'));

      expect(own.status).toBe(200);
      expect(own.body.name).toBe('parking-server');
      expect(other.status).toBe(403);
      expect(missing.status).toBe(404);
    });
  });

  describe('DELETE /images/{name}/versions/{version}', () => {
    it('deletes an unused version (204) and refuses a used one, naming the app (409)', async () => {
      await start();
      await upload('alice', parkingServer, 'docker_parking-server_1.4.2.tar');
      await upload(
        'alice',
        createDockerSaveArchive({ tag: '2.0.0' }),
        'docker_parking-server_2.0.0.tar',
      );
      // used the moment the spec exists, not once the catalog has it
      await createAppWithSpec(backend!.server, 'alice', {
        app: { name: 'Smart Parking' },
        spec: { name: 'Smart Parking — standard' },
        images: [{ name: 'parking-server', version: '1.4.2' }],
      });
      const del = (persona: string, version: string, name = 'parking-server') =>
        request(backend!.server)
          .delete(`/api/iot/images/${name}/versions/${version}`)
          .set('Authorization', as(persona));

      const used = await del('alice', '1.4.2');
      const byOther = await del('bob', '2.0.0');
      const byReviewer = await del('rita', '2.0.0');
      const unknownVersion = await del('alice', '3.0.0');
      const unknownImage = await del('alice', '1.0.0', 'nothing-here');
      const deleted = await del('alice', '2.0.0');

      expect(used.status).toBe(409);
      expect(used.body.error.message).toBe(
        'version 1.4.2 of image parking-server is used by Smart Parking (iotapp:default/smart-parking, spec iotspec:default/smart-parking-standard); remove it from those specs first',
      );
      expect(byOther.status).toBe(403);
      expect(byOther.body.error.message).toBe(
        'missing permission iot.image.delete on iotimage:default/parking-server',
      );
      expect(byReviewer.status).toBe(403);
      expect(unknownVersion.status).toBe(404);
      expect(unknownImage.status).toBe(404);
      expect(deleted.status).toBe(204);
      const [image] = (await list('alice')).body.items;
      expect(image.versions.map((v: any) => v.version)).toEqual(['1.4.2']);
      expect(await storedFiles()).toHaveLength(1);
    });

    it('removes the image from the catalog with its last version', async () => {
      await start();
      await upload(
        'bob',
        createVmImage('qcow2'),
        'vm_energy-collector_2.0.0.qcow2',
      );

      const response = await request(backend!.server)
        .delete('/api/iot/images/energy-collector/versions/2.0.0')
        .set('Authorization', as('bob'));

      expect(response.status).toBe(204);
      expect(backend!.events.at(-1)?.eventPayload).toEqual({
        upserted: [],
        removed: ['iotimage:default/energy-collector'],
      });
      expect((await list('bob')).body.items).toEqual([]);
    });
  });

  describe('GET /catalog/entities', () => {
    it('serves the IotImage entities to services only', async () => {
      await start();
      await upload('alice', parkingServer, 'docker_parking-server_1.4.2.tar');

      const service = await request(backend!.server)
        .get('/api/iot/catalog/entities')
        .set('Authorization', mockCredentials.service.header());
      const user = await request(backend!.server)
        .get('/api/iot/catalog/entities')
        .set('Authorization', as('alice'));

      expect(service.status).toBe(200);
      expect(service.body.entities).toEqual([
        expect.objectContaining({
          apiVersion: 'iot.portal/v1alpha1',
          kind: 'IotImage',
          metadata: expect.objectContaining({ name: 'parking-server' }),
          spec: expect.objectContaining({ owner: 'group:default/isv-acme' }),
        }),
      ]);
      expect(user.status).toBe(403);
    });
  });

  describe('start-up', () => {
    const databases = TestDatabases.create({
      ids: ['POSTGRES_15', 'SQLITE_3'],
    });

    it.each(databases.eachSupportedId())(
      'recovers from a crash mid-upload at the next start on %p',
      async databaseId => {
        const knex = await databases.init(databaseId);
        await start({ knex });
        await upload('alice', parkingServer, 'docker_parking-server_1.4.2.tar');
        await backend!.stop();
        backend = undefined;
        // what a crash mid-upload leaves behind
        const images = await ImagesStore.create({
          database: mockServices.database({ knex }),
        });
        const image = await images.findImage('parking-server');
        await images.beginVersion({
          imageId: image!.id,
          version: '2.0.0',
          storageKey: 'parking-server/2.0.0-crashed',
          uploadedBy: 'user:default/alice',
        });
        await fs.writeFile(
          path.join(
            directory,
            'parking-server',
            '2.0.0-crashed.partial-0badc0de',
          ),
          'half an image',
        );
        await fs.writeFile(
          path.join(directory, 'parking-server', '2.0.0-crashed'),
          'an image renamed into place just before the crash',
        );
        // and an object of another database, which must survive
        await fs.writeFile(
          path.join(directory, 'parking-server', 'not-ours'),
          'another database',
        );

        await start({ knex });

        expect(await versionOf('parking-server', '2.0.0')).toMatchObject({
          status: 'failed',
          failureReason: 'interrupted by a restart',
        });
        expect(await versionOf('parking-server', '1.4.2')).toMatchObject({
          status: 'succeeded',
        });
        expect(await storedFiles()).toEqual([
          expect.stringMatching(/^parking-server\/1\.4\.2-[0-9a-f]{16}$/),
          'parking-server/not-ours',
        ]);
      },
    );

    it.each(databases.eachSupportedId())(
      'seeds the demo images into an empty database once on %p',
      async databaseId => {
        const knex = await databases.init(databaseId);
        await start({ knex, seed: true });

        const seeded = (await list('rita')).body.items;
        await backend!.stop();
        backend = undefined;
        await start({ knex, seed: true });
        const again = (await list('rita')).body.items;

        expect(
          seeded.map((i: any) => [i.name, i.kind, i.owner, i.latestVersion]),
        ).toEqual([
          ['energy-collector', 'vm', 'group:default/isv-globex', '2.0.0'],
          ['parking-server', 'docker', 'group:default/isv-acme', '1.4.2'],
        ]);
        expect(
          seeded[1].versions[0].usedBy.map((use: any) => use.appTitle),
        ).toContain('Smart Parking');
        expect(again).toEqual(seeded);
      },
    );

    it('uses the image store a module provides', async () => {
      const written: string[] = [];
      const memoryStore: ImageStore = {
        async write(key, body) {
          let sizeBytes = 0;
          for await (const chunk of body) {
            sizeBytes += chunk.length;
          }
          written.push(key);
          return { sizeBytes };
        },
        async read() {
          return Readable.from([]);
        },
        async delete() {},
        async *list() {},
        async removeIncomplete() {
          return 0;
        },
      };
      await start({
        features: [
          createBackendModule({
            pluginId: 'iot',
            moduleId: 'memory-image-store',
            register(env) {
              env.registerInit({
                deps: { images: iotImageStoreExtensionPoint },
                async init({ images }) {
                  images.setImageStore(memoryStore);
                },
              });
            },
          }),
        ],
      });

      const response = await upload(
        'alice',
        parkingServer,
        'docker_parking-server_1.4.2.tar',
      );

      expect(response.status).toBe(201);
      expect(written).toEqual([
        expect.stringMatching(/^parking-server\/1\.4\.2-/),
      ]);
      expect(await storedFiles()).toEqual([]);
    });
  });
});

async function waitFor(condition: () => Promise<boolean>) {
  for (let i = 0; i < 200; i++) {
    if (await condition()) {
      return;
    }
    await new Promise(resolve => setTimeout(resolve, 25));
  }
  throw new Error('condition never became true');
}
