import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ImagesStore } from './ImagesStore';

jest.setTimeout(60_000);

const ACME = 'group:default/isv-acme';
const GLOBEX = 'group:default/isv-globex';
const SHA = 'a'.repeat(64);

describe('ImagesStore', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    return ImagesStore.create({ database: mockServices.database({ knex }) });
  }

  async function addImage(
    store: ImagesStore,
    name: string,
    ownerRef = ACME,
    kind: 'docker' | 'vm' = 'docker',
  ) {
    return store.findOrCreateImage({
      name,
      ownerRef,
      kind,
      createdBy: 'user:default/alice',
    });
  }

  async function addVersion(
    store: ImagesStore,
    imageId: number,
    version: string,
    outcome: 'uploading' | 'succeeded' | 'failed' = 'succeeded',
  ) {
    const begun = await store.beginVersion({
      imageId,
      version,
      storageKey: `key-${imageId}-${version}`,
      uploadedBy: 'user:default/alice',
    });
    if (outcome === 'succeeded') {
      return store.markSucceeded(begun!.id, {
        sizeBytes: 3 * 1024 ** 3,
        unpackedBytes: 4 * 1024 ** 3,
        sha256: SHA,
      });
    }
    if (outcome === 'failed') {
      return store.markFailed(begun!.id, 'broken');
    }
    return begun;
  }

  it.each(databases.eachSupportedId())(
    'creates an image once and finds it with its versions on %p',
    async databaseId => {
      const store = await createStore(databaseId);

      const created = await addImage(store, 'parking-server');
      const again = await store.findOrCreateImage({
        name: 'parking-server',
        ownerRef: GLOBEX,
        kind: 'vm',
        createdBy: 'user:default/bob',
      });

      expect(created).toEqual({
        id: expect.any(Number),
        name: 'parking-server',
        ownerRef: ACME,
        kind: 'docker',
        createdBy: 'user:default/alice',
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
        updatedAt: created.createdAt,
      });
      expect(again).toEqual(created);
      expect(await store.findImage('parking-server')).toEqual({
        ...created,
        versions: [],
      });
      expect(await store.findImage('unknown')).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'walks a version from uploading to succeeded, with sizes past 2^32 as numbers on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const image = await addImage(store, 'parking-server');

      const begun = await store.beginVersion({
        imageId: image.id,
        version: '1.4.2',
        storageKey: 'parking-server/1.4.2/k1',
        uploadedBy: 'user:default/alice',
      });
      expect(begun).toEqual({
        id: expect.any(Number),
        imageId: image.id,
        version: '1.4.2',
        status: 'uploading',
        sizeBytes: 0,
        unpackedBytes: 0,
        storageKey: 'parking-server/1.4.2/k1',
        uploadedBy: 'user:default/alice',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });

      const done = await store.markSucceeded(begun!.id, {
        sizeBytes: 2147483648,
        unpackedBytes: 5000000000,
        sha256: SHA,
      });
      expect(done).toMatchObject({
        status: 'succeeded',
        sizeBytes: 2147483648,
        unpackedBytes: 5000000000,
        sha256: SHA,
      });
      expect(done).not.toHaveProperty('failureReason');

      // finishing twice is refused: the version is no longer uploading
      expect(await store.markFailed(begun!.id, 'late')).toBeUndefined();
      const found = await store.findImage('parking-server');
      expect(found!.versions).toEqual([done]);
      expect(typeof found!.versions[0].sizeBytes).toBe('number');
      expect(Date.parse(found!.updatedAt)).toBeGreaterThanOrEqual(
        Date.parse(image.updatedAt),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'records the reason of a failure and reuses a failed version on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const image = await addImage(store, 'parking-server');
      const begun = await store.beginVersion({
        imageId: image.id,
        version: '1.0.0',
        storageKey: 'k1',
        uploadedBy: 'user:default/alice',
      });

      const failed = await store.markFailed(
        begun!.id,
        'upload aborted by the client',
      );
      expect(failed).toMatchObject({
        status: 'failed',
        failureReason: 'upload aborted by the client',
      });

      const retried = await store.beginVersion({
        imageId: image.id,
        version: '1.0.0',
        storageKey: 'k2',
        uploadedBy: 'user:default/alice',
      });
      expect(retried).toMatchObject({
        id: begun!.id,
        status: 'uploading',
        storageKey: 'k2',
      });
      expect(retried).not.toHaveProperty('failureReason');
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses to begin a version that is uploading or succeeded on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const image = await addImage(store, 'parking-server');
      await addVersion(store, image.id, '1.0.0', 'uploading');
      await addVersion(store, image.id, '2.0.0', 'succeeded');

      for (const version of ['1.0.0', '2.0.0']) {
        expect(
          await store.beginVersion({
            imageId: image.id,
            version,
            storageKey: 'other',
            uploadedBy: 'user:default/bob',
          }),
        ).toBeUndefined();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'lists images by name with name, status and owner filters on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const parking = await addImage(store, 'parking-server');
      const gateway = await addImage(store, 'parking-gateway');
      const collector = await addImage(store, 'energy-collector', GLOBEX, 'vm');
      await addVersion(store, parking.id, '1.0.0', 'succeeded');
      await addVersion(store, parking.id, '1.1.0', 'failed');
      await addVersion(store, gateway.id, '0.1.0', 'uploading');
      await addVersion(store, collector.id, '2.0.0', 'succeeded');
      const names = (page: { items: { name: string }[] }) =>
        page.items.map(item => item.name);

      expect(names(await store.listImages())).toEqual([
        'energy-collector',
        'parking-gateway',
        'parking-server',
      ]);
      expect(
        names(await store.listImages({ nameContains: 'PARKING' })),
      ).toEqual(['parking-gateway', 'parking-server']);
      expect(names(await store.listImages({ nameContains: '%' }))).toEqual([]);
      expect(names(await store.listImages({ nameContains: '_' }))).toEqual([]);

      const failed = await store.listImages({ status: 'failed' });
      expect(names(failed)).toEqual(['parking-server']);
      expect(failed.items[0].versions.map(v => v.version)).toEqual(['1.1.0']);
      const [whole] = await store.findImages(['parking-server', 'unknown']);
      expect(whole.versions.map(v => v.version)).toEqual(['1.1.0', '1.0.0']);
      expect(await store.findImages([])).toEqual([]);

      const owned = { key: 'owner' as const, values: [GLOBEX] };
      expect(names(await store.listImages({ ownerFilter: owned }))).toEqual([
        'energy-collector',
      ]);
      expect(
        names(
          await store.listImages({
            ownerFilter: { not: owned },
            nameContains: 'server',
          }),
        ),
      ).toEqual(['parking-server']);
      expect(
        names(
          await store.listImages({
            ownerFilter: {
              anyOf: [owned, { key: 'owner', values: [ACME] }],
            },
          }),
        ),
      ).toHaveLength(3);
      expect(
        names(
          await store.listImages({
            ownerFilter: {
              allOf: [owned, { key: 'owner', values: [ACME] }],
            },
          }),
        ),
      ).toEqual([]);
      expect(
        names(
          await store.listImages({ ownerFilter: { key: 'owner', values: [] } }),
        ),
      ).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'pages through images with a cursor on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      for (const name of ['d', 'a', 'c', 'b', 'e']) {
        await addImage(store, `image-${name}`);
      }

      const first = await store.listImages({ limit: 2 });
      const second = await store.listImages({
        limit: 2,
        cursor: first.nextCursor!,
      });
      const third = await store.listImages({
        limit: 2,
        cursor: second.nextCursor!,
      });

      expect(first.items.map(i => i.name)).toEqual(['image-a', 'image-b']);
      expect(second.items.map(i => i.name)).toEqual(['image-c', 'image-d']);
      expect(third.items.map(i => i.name)).toEqual(['image-e']);
      expect(third.nextCursor).toBeNull();
      expect((await store.listImages({ limit: 10_000 })).items).toHaveLength(5);
      await expect(store.listImages({ cursor: '!!' })).rejects.toThrow(
        /cursor must be the nextCursor of a previous page/,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'deletes versions, and the image with its last version on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const image = await addImage(store, 'parking-server');
      const v1 = await addVersion(store, image.id, '1.0.0');
      const v2 = await addVersion(store, image.id, '2.0.0', 'failed');

      expect(await store.deleteVersion(v1!.id)).toEqual({
        imageDeleted: false,
      });
      expect(
        (await store.findImage('parking-server'))!.versions.map(v => v.version),
      ).toEqual(['2.0.0']);

      expect(await store.deleteVersion(v2!.id)).toEqual({ imageDeleted: true });
      expect(await store.findImage('parking-server')).toBeUndefined();
      expect(await store.isEmpty()).toBe(true);
      expect(await store.deleteVersion(v2!.id)).toEqual({
        imageDeleted: false,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'finds stuck uploads and the status behind storage keys on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      expect(await store.isEmpty()).toBe(true);
      const image = await addImage(store, 'parking-server');
      const stuck = await addVersion(store, image.id, '1.0.0', 'uploading');
      await addVersion(store, image.id, '2.0.0', 'succeeded');
      await addVersion(store, image.id, '3.0.0', 'failed');

      expect(await store.findStuckUploads()).toEqual([
        {
          versionId: stuck!.id,
          imageName: 'parking-server',
          version: '1.0.0',
          storageKey: stuck!.storageKey,
        },
      ]);
      expect(
        await store.storageKeyStatuses([
          `key-${image.id}-1.0.0`,
          `key-${image.id}-2.0.0`,
          `key-${image.id}-3.0.0`,
          'orphan',
        ]),
      ).toEqual(
        new Map([
          [`key-${image.id}-1.0.0`, 'uploading'],
          [`key-${image.id}-2.0.0`, 'succeeded'],
          [`key-${image.id}-3.0.0`, 'failed'],
        ]),
      );
      expect(await store.isEmpty()).toBe(false);
    },
  );
});
