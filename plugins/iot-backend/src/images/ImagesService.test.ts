import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { EventParams } from '@backstage/plugin-events-node';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { AuditStore } from '../audit/AuditStore';
import { CatalogPublisher } from '../catalog/CatalogPublisher';
import { IsvGroups } from '../catalog/IsvGroups';
import { testGroups, uploaderOf } from '../__testUtils__/testOrg';
import {
  ABORTED_REASON,
  ImageUsage,
  ImagesService,
  INTERRUPTED_REASON,
} from './ImagesService';
import { ImagesStore } from './ImagesStore';
import { ImageRuleError } from './ingest';
import {
  createArchiveWithMissingLayer,
  createDockerSaveArchive,
  createVmImage,
} from './ingest/samples';
import { LocalImageStore } from './LocalImageStore';

jest.setTimeout(60_000);

/** What the specs service answers while smart-parking-standard deploys parking-server 1.4.2. */
const smartParkingUsage: ImageUsage = {
  async usageOf(names) {
    return new Map(
      names
        .filter(name => name === 'parking-server')
        .map(name => [
          name,
          new Map([
            [
              '1.4.2',
              [
                {
                  app: 'iotapp:default/smart-parking',
                  appTitle: 'Smart Parking',
                  spec: 'iotspec:default/smart-parking-standard',
                },
              ],
            ],
          ]),
        ]),
    );
  },
};

describe('ImagesService', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  const directories: string[] = [];

  afterAll(async () => {
    for (const directory of directories) {
      await fs.rm(directory, { recursive: true, force: true });
    }
  });

  async function setup(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    const database = mockServices.database({ knex });
    const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'iot-svc-'));
    directories.push(directory);
    const catalog = catalogServiceMock({ entities: testGroups });
    const auth = mockServices.auth();
    const events: EventParams[] = [];
    const images = await ImagesStore.create({ database });
    const audit = await AuditStore.create({ database });
    const service = new ImagesService({
      images,
      store: new LocalImageStore(directory),
      usage: smartParkingUsage,
      isvGroups: new IsvGroups(catalog, auth),
      audit,
      publisher: new CatalogPublisher(
        {
          publish: async event => {
            events.push(event);
          },
          subscribe: async () => {},
        },
        mockServices.logger.mock(),
      ),
      logger: mockServices.logger.mock(),
    });
    const storedFiles = async () =>
      (await fs.readdir(directory, { recursive: true, withFileTypes: true }))
        .filter(entry => entry.isFile())
        .map(entry =>
          path.relative(directory, path.join(entry.parentPath, entry.name)),
        );
    return { service, images, audit, events, directory, storedFiles };
  }

  const parkingServer = createDockerSaveArchive({ tag: '1.4.2' });
  const upload = (
    service: ImagesService,
    bytes: Buffer,
    fileName: string,
    persona = 'alice',
    options: { kindHint?: 'docker' | 'vm'; ownerHint?: string } = {},
  ) =>
    service.upload(Readable.from([bytes]), fileName, {
      uploader: uploaderOf(persona),
      ...options,
    });

  it.each(databases.eachSupportedId())(
    "stores a version for the uploader's ISV group and publishes it on %p",
    async databaseId => {
      const { service, events, storedFiles } = await setup(databaseId);

      const outcome = await upload(
        service,
        parkingServer,
        'docker_parking-server_1.4.2.tar',
      );

      expect(outcome.created).toBe(true);
      expect(outcome.image).toMatchObject({
        name: 'parking-server',
        ownerRef: 'group:default/isv-acme',
        kind: 'docker',
        createdBy: 'user:default/alice',
      });
      expect(outcome.version).toMatchObject({
        version: '1.4.2',
        status: 'succeeded',
        sizeBytes: parkingServer.length,
        unpackedBytes: parkingServer.length,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        uploadedBy: 'user:default/alice',
      });
      expect(await storedFiles()).toEqual([outcome.version.storageKey]);

      // uploading first, then succeeded
      expect(events.map(e => e.topic)).toEqual(['iot.catalog', 'iot.catalog']);
      const statuses = events.map(
        e => (e.eventPayload as any).upserted[0].spec.versions[0].status,
      );
      expect(statuses).toEqual(['uploading', 'succeeded']);
      expect((events[1].eventPayload as any).upserted[0]).toEqual({
        apiVersion: 'iot.portal/v1alpha1',
        kind: 'IotImage',
        metadata: {
          name: 'parking-server',
          namespace: 'default',
          title: 'parking-server',
          annotations: {
            'backstage.io/managed-by-location': 'iot:database',
            'backstage.io/managed-by-origin-location': 'iot:database',
          },
        },
        spec: {
          owner: 'group:default/isv-acme',
          imageKind: 'docker',
          versions: [
            {
              version: '1.4.2',
              status: 'succeeded',
              sizeBytes: parkingServer.length,
              uploadedAt: outcome.version.createdAt,
              sha256: outcome.version.sha256,
            },
          ],
        },
      });
      expect(await service.catalogEntities()).toEqual([
        (events[1].eventPayload as any).upserted[0],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'needs the isv role, and an owner among several ISV groups on %p',
    async databaseId => {
      const { service } = await setup(databaseId);
      const file = 'docker_parking-server_1.4.2.tar';

      await expect(
        upload(service, parkingServer, file, 'rita'),
      ).rejects.toThrow(
        new NotAllowedError(
          "to upload images, a user needs the isv role (membership of a catalog Group with spec.type 'isv'); user:default/rita has none",
        ),
      );
      await expect(
        upload(service, parkingServer, file, 'carol'),
      ).rejects.toThrow(InputError);
      await expect(
        upload(service, parkingServer, file, 'carol'),
      ).rejects.toThrow(
        /several ISV groups .*send the owning group in the 'owner' field/,
      );
      await expect(
        upload(service, parkingServer, file, 'carol', {
          ownerHint: 'isv-globex',
        }),
      ).rejects.toThrow(
        /cannot upload images for group:default\/isv-globex: not one of their ISV groups/,
      );

      const outcome = await upload(service, parkingServer, file, 'carol', {
        ownerHint: 'isv-initial',
      });
      expect(outcome.image.ownerRef).toBe('group:default/isv-initial');
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses a bad name, or a kind field that contradicts it, before storing anything on %p',
    async databaseId => {
      const { service, storedFiles, images } = await setup(databaseId);

      await expect(
        upload(service, parkingServer, 'parking-server.tar'),
      ).rejects.toMatchObject({ status: 400, rule: 'file-name' });
      await expect(
        upload(
          service,
          parkingServer,
          'docker_parking-server_1.4.2.tar',
          'alice',
          {
            kindHint: 'vm',
          },
        ),
      ).rejects.toMatchObject({ status: 400, rule: 'kind' });

      expect(await storedFiles()).toEqual([]);
      expect(await images.isEmpty()).toBe(true);
    },
  );

  it.each(databases.eachSupportedId())(
    "refuses another group's name and a change of kind on %p",
    async databaseId => {
      const { service } = await setup(databaseId);
      await upload(service, parkingServer, 'docker_parking-server_1.4.2.tar');

      await expect(
        upload(
          service,
          parkingServer,
          'docker_parking-server_2.0.0.tar',
          'bob',
        ),
      ).rejects.toThrow(
        new ConflictError(
          'image name parking-server belongs to group:default/isv-acme; choose another name',
        ),
      );
      await expect(
        upload(
          service,
          createVmImage('qcow2'),
          'vm_parking-server_2.0.0.qcow2',
        ),
      ).rejects.toThrow(
        /image parking-server holds docker images, this file is a vm image/,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'accepts identical bytes again and refuses other bytes under a succeeded version on %p',
    async databaseId => {
      const { service, storedFiles } = await setup(databaseId);
      const first = await upload(
        service,
        parkingServer,
        'docker_parking-server_1.4.2.tar',
      );

      const again = await upload(
        service,
        parkingServer,
        'docker_parking-server_1.4.2.tar',
      );
      expect(again.created).toBe(false);
      expect(again.version).toEqual(first.version);

      await expect(
        upload(
          service,
          createDockerSaveArchive({ tag: '1.4.2', layers: 3 }),
          'docker_parking-server_1.4.2.tar',
        ),
      ).rejects.toThrow(
        /version 1.4.2 of image parking-server already exists with other content \(sha256 [0-9a-f]{64}, this file [0-9a-f]{64}\); upload it as a new version/,
      );
      // a broken file under an existing version changes nothing
      await expect(
        upload(
          service,
          createArchiveWithMissingLayer(),
          'docker_parking-server_1.4.2.tar',
        ),
      ).rejects.toMatchObject({ status: 422 });

      const image = await service.getImage('parking-server');
      expect(image.versions).toEqual([
        expect.objectContaining({ version: '1.4.2', status: 'succeeded' }),
      ]);
      expect(await storedFiles()).toEqual([first.version.storageKey]);
    },
  );

  it.each(databases.eachSupportedId())(
    'records a refused file as failed with the rule, keeps no bytes, and lets it be retried on %p',
    async databaseId => {
      const { service, storedFiles } = await setup(databaseId);

      const refusal = await upload(
        service,
        createArchiveWithMissingLayer(),
        'docker_parking-server_1.0.0.tar',
      ).catch(error => error);

      expect(refusal).toBeInstanceOf(ImageRuleError);
      expect(refusal.status).toBe(422);
      const failed = await service.getImage('parking-server');
      expect(failed.versions).toEqual([
        expect.objectContaining({
          version: '1.0.0',
          status: 'failed',
          failureReason: refusal.message,
          sizeBytes: 0,
        }),
      ]);
      expect(failed.latestVersion).toBeNull();
      expect(await storedFiles()).toEqual([]);

      await upload(service, parkingServer, 'docker_parking-server_1.0.0.tar');
      const retried = await service.getImage('parking-server');
      expect(retried.versions).toEqual([
        expect.objectContaining({ version: '1.0.0', status: 'succeeded' }),
      ]);
      expect(retried.versions[0]).not.toHaveProperty('failureReason');
      expect(retried.latestVersion).toBe('1.0.0');
    },
  );

  it.each(databases.eachSupportedId())(
    'marks an aborted upload failed without bytes, and refuses a parallel one meanwhile on %p',
    async databaseId => {
      const { service, storedFiles } = await setup(databaseId);
      const body = new PassThrough();
      const controller = new AbortController();
      const uploading = service.upload(
        body,
        'docker_parking-server_1.0.0.tar',
        {
          uploader: uploaderOf('alice'),
          signal: controller.signal,
        },
      );
      body.write(parkingServer.subarray(0, 4096));
      await waitFor(async () =>
        (await storedFiles()).some(file => file.includes('.partial-')),
      );

      await expect(
        upload(service, parkingServer, 'docker_parking-server_1.0.0.tar'),
      ).rejects.toThrow(/is being uploaded right now/);
      const during = await service.getImage('parking-server');
      expect(during.versions[0].status).toBe('uploading');
      await expect(
        service.deleteVersion('parking-server', '1.0.0', 'user:default/alice'),
      ).rejects.toThrow(/still uploading/);

      controller.abort();
      await expect(uploading).rejects.toThrow();

      const after = await service.getImage('parking-server');
      expect(after.versions).toEqual([
        expect.objectContaining({
          status: 'failed',
          failureReason: ABORTED_REASON,
        }),
      ]);
      expect(await storedFiles()).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'lists with totals, usage and filters on %p',
    async databaseId => {
      const { service } = await setup(databaseId);
      await upload(service, parkingServer, 'docker_parking-server_1.4.2.tar');
      const v2 = createDockerSaveArchive({ tag: '2.0.0' });
      await upload(service, v2, 'docker_parking-server_2.0.0.tar');
      await upload(
        service,
        createArchiveWithMissingLayer(),
        'docker_parking-server_3.0.0.tar',
      ).catch(() => undefined);
      const vm = createVmImage('qcow2');
      await upload(service, vm, 'vm_energy-collector_2.0.0.qcow2', 'bob');

      const all = await service.listImages({});
      expect(all.nextCursor).toBeNull();
      expect(all.items.map(i => i.name)).toEqual([
        'energy-collector',
        'parking-server',
      ]);
      const parking = all.items[1];
      expect(parking).toMatchObject({
        kind: 'docker',
        owner: 'group:default/isv-acme',
        entityRef: 'iotimage:default/parking-server',
        latestVersion: '2.0.0',
        totalSizeBytes: parkingServer.length + v2.length,
      });
      expect(parking.versions.map(v => [v.version, v.status])).toEqual([
        ['3.0.0', 'failed'],
        ['2.0.0', 'succeeded'],
        ['1.4.2', 'succeeded'],
      ]);
      expect(parking.versions[2].usedBy).toEqual([
        {
          app: 'iotapp:default/smart-parking',
          appTitle: 'Smart Parking',
          spec: 'iotspec:default/smart-parking-standard',
        },
      ]);
      expect(parking.versions[1].usedBy).toEqual([]);

      const failed = await service.listImages({ status: 'failed' });
      expect(failed.items).toHaveLength(1);
      expect(failed.items[0].versions.map(v => v.version)).toEqual(['3.0.0']);
      // totals still describe the whole image
      expect(failed.items[0].totalSizeBytes).toBe(parking.totalSizeBytes);

      const globex = await service.listImages({
        ownerFilter: { key: 'owner', values: ['group:default/isv-globex'] },
      });
      expect(globex.items.map(i => i.name)).toEqual(['energy-collector']);
      expect(
        (await service.listImages({ name: 'collect' })).items,
      ).toHaveLength(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'deletes an unused version with its bytes and an audit record, refuses a used one on %p',
    async databaseId => {
      const { service, audit, events, storedFiles } = await setup(databaseId);
      await upload(service, parkingServer, 'docker_parking-server_1.4.2.tar');
      const v2 = await upload(
        service,
        createDockerSaveArchive({ tag: '2.0.0' }),
        'docker_parking-server_2.0.0.tar',
      );

      await expect(
        service.deleteVersion('parking-server', '1.4.2', 'user:default/alice'),
      ).rejects.toThrow(
        new ConflictError(
          'version 1.4.2 of image parking-server is used by Smart Parking (iotapp:default/smart-parking, spec iotspec:default/smart-parking-standard); remove it from those specs first',
        ),
      );
      await expect(
        service.deleteVersion('parking-server', '9.9.9', 'user:default/alice'),
      ).rejects.toThrow(NotFoundError);
      await expect(
        service.deleteVersion('unknown', '1.0.0', 'user:default/alice'),
      ).rejects.toThrow(new NotFoundError('no image named unknown'));

      events.length = 0;
      await service.deleteVersion(
        'parking-server',
        '2.0.0',
        'user:default/alice',
      );

      expect(
        (await service.getImage('parking-server')).versions.map(v => v.version),
      ).toEqual(['1.4.2']);
      expect(await storedFiles()).not.toContain(v2.version.storageKey);
      expect(await storedFiles()).toHaveLength(1);
      const { items } = await audit.listByTarget(
        'iotimage:default/parking-server',
      );
      expect(items[0]).toMatchObject({
        actorRef: 'user:default/alice',
        action: 'image.version.deleted',
        details: { version: '2.0.0', sha256: v2.version.sha256 },
      });
      expect((events[0].eventPayload as any).upserted[0].spec.versions).toEqual(
        [expect.objectContaining({ version: '1.4.2' })],
      );
    },
  );

  it.each(databases.eachSupportedId())(
    "tells which image versions a group's spec cannot deploy on %p",
    async databaseId => {
      const { service } = await setup(databaseId);
      await upload(service, parkingServer, 'docker_parking-server_1.4.2.tar');
      await upload(
        service,
        createArchiveWithMissingLayer(),
        'docker_parking-server_3.0.0.tar',
      ).catch(() => undefined);
      await upload(
        service,
        createVmImage('qcow2'),
        'vm_energy-collector_2.0.0.qcow2',
        'bob',
      );
      const uses = [
        { name: 'parking-server', version: '1.4.2' },
        { name: 'parking-server', version: '3.0.0' },
        { name: 'parking-server', version: '9.9.9' },
        { name: 'energy-collector', version: '2.0.0' },
        { name: 'unknown', version: '1.0.0' },
      ];

      expect(
        await service.unavailableVersions(uses, 'group:default/isv-acme'),
      ).toEqual(uses.slice(1));
      expect(await service.unavailableVersions(uses, 'isv-globex')).toEqual([
        uses[0],
        uses[1],
        uses[2],
        uses[4],
      ]);
      expect(
        await service.unavailableVersions([], 'group:default/isv-acme'),
      ).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'lists the versions of named images with kind, status and owner for graph validation on %p',
    async databaseId => {
      const { service } = await setup(databaseId);
      await upload(service, parkingServer, 'docker_parking-server_1.4.2.tar');
      await upload(
        service,
        createArchiveWithMissingLayer(),
        'docker_parking-server_3.0.0.tar',
      ).catch(() => undefined);
      await upload(
        service,
        createVmImage('qcow2'),
        'vm_energy-collector_2.0.0.qcow2',
        'bob',
      );

      const versions = await service.imageVersions([
        'parking-server',
        'energy-collector',
        'parking-server',
        'unknown',
      ]);

      expect(
        versions.sort(
          (a, b) =>
            a.name.localeCompare(b.name) || a.version.localeCompare(b.version),
        ),
      ).toEqual([
        {
          name: 'energy-collector',
          version: '2.0.0',
          kind: 'vm',
          status: 'succeeded',
          owner: 'group:default/isv-globex',
        },
        {
          name: 'parking-server',
          version: '1.4.2',
          kind: 'docker',
          status: 'succeeded',
          owner: 'group:default/isv-acme',
        },
        {
          name: 'parking-server',
          version: '3.0.0',
          kind: 'docker',
          status: 'failed',
          owner: 'group:default/isv-acme',
        },
      ]);
      expect(await service.imageVersions([])).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'removes the image with its last version from the catalog on %p',
    async databaseId => {
      const { service, events, images } = await setup(databaseId);
      await upload(
        service,
        createVmImage('qcow2'),
        'vm_energy-collector_2.0.0.qcow2',
        'bob',
      );
      events.length = 0;

      await service.deleteVersion(
        'energy-collector',
        '2.0.0',
        'user:default/bob',
      );

      expect(events[0].eventPayload).toEqual({
        upserted: [],
        removed: ['iotimage:default/energy-collector'],
      });
      expect(await images.isEmpty()).toBe(true);
      expect(await service.catalogEntities()).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'recovers from a crash: interrupted uploads fail, their partial and leftover bytes go on %p',
    async databaseId => {
      const { service, images, directory, storedFiles, events } = await setup(
        databaseId,
      );
      const kept = await upload(
        service,
        parkingServer,
        'docker_parking-server_1.4.2.tar',
      );
      // what a crash mid-upload leaves: a version still uploading with its
      // partial file, and the bytes of a failed upload whose delete did not run
      const image = await images.findImage('parking-server');
      await images.beginVersion({
        imageId: image!.id,
        version: '2.0.0',
        storageKey: 'parking-server/2.0.0-dead',
        uploadedBy: 'user:default/alice',
      });
      await fs.writeFile(
        path.join(directory, 'parking-server', '2.0.0-dead.partial-00ff'),
        'half',
      );
      const failed = await images.beginVersion({
        imageId: image!.id,
        version: '3.0.0',
        storageKey: 'parking-server/3.0.0-failed',
        uploadedBy: 'user:default/alice',
      });
      await images.markFailed(failed!.id, 'broken');
      await fs.writeFile(
        path.join(directory, 'parking-server', '3.0.0-failed'),
        'bytes',
      );
      // and an object this database never knew (another database's image)
      await fs.mkdir(path.join(directory, 'elsewhere'));
      await fs.writeFile(path.join(directory, 'elsewhere', '1.0-abc'), 'x');
      events.length = 0;

      expect(await service.recover()).toEqual({
        interrupted: 1,
        partialObjects: 1,
        orphanedObjects: 1,
        unknownObjects: 1,
      });

      const after = await service.getImage('parking-server');
      expect(after.versions.find(v => v.version === '2.0.0')).toMatchObject({
        status: 'failed',
        failureReason: INTERRUPTED_REASON,
      });
      expect((await storedFiles()).sort()).toEqual(
        ['elsewhere/1.0-abc', kept.version.storageKey].sort(),
      );
      expect(events).toHaveLength(1);
      expect(await service.recover()).toEqual({
        interrupted: 0,
        partialObjects: 0,
        orphanedObjects: 0,
        unknownObjects: 1,
      });
    },
  );

  it('refuses a size bound above 2 GiB', async () => {
    expect(
      () =>
        new ImagesService({
          maxBytes: 2 * 1024 ** 3 + 1,
        } as ConstructorParameters<typeof ImagesService>[0]),
    ).toThrow(/iot.images.maxBytes must be between 1 and 2147483648/);
  });
});

async function waitFor(condition: () => Promise<boolean>) {
  for (let i = 0; i < 200; i++) {
    if (await condition()) {
      return;
    }
    await new Promise(resolve => setTimeout(resolve, 10));
  }
  throw new Error('condition never became true');
}
