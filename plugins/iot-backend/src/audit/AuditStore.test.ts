import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuditStore } from './AuditStore';

jest.setTimeout(60_000);

describe('AuditStore', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    return AuditStore.create({ database: mockServices.database({ knex }) });
  }

  it.each(databases.eachSupportedId())(
    'appends events and reads them back on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const before = Date.now();

      const appended = await store.append({
        actorRef: 'user:default/alice',
        action: 'image.created',
        targetRef: 'iotimage:default/parking-server',
        details: { version: '1.0.0', tags: ['edge'], size: 42 },
      });

      expect(appended).toEqual({
        id: expect.any(Number),
        actorRef: 'user:default/alice',
        action: 'image.created',
        targetRef: 'iotimage:default/parking-server',
        details: { version: '1.0.0', tags: ['edge'], size: 42 },
        createdAt: expect.stringMatching(
          /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/,
        ),
      });
      // SQLite keeps whole seconds only.
      const createdAt = Date.parse(appended.createdAt);
      expect(createdAt).toBeGreaterThanOrEqual(before - 1000);
      expect(createdAt).toBeLessThanOrEqual(Date.now() + 1000);

      const page = await store.listByTarget('iotimage:default/parking-server');
      expect(page).toEqual({ items: [appended] });
    },
  );

  it.each(databases.eachSupportedId())(
    'stores an empty details object when none is given on %p',
    async databaseId => {
      const store = await createStore(databaseId);

      const event = await store.append({
        actorRef: 'user:default/rita',
        action: 'review.approved',
        targetRef: 'iotapp:default/smart-parking',
      });

      expect(event.details).toEqual({});
    },
  );

  it.each(databases.eachSupportedId())(
    'lists only the given target, newest first, page by page on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const target = 'iotapp:default/smart-parking';
      for (const action of ['app.created', 'app.updated', 'app.submitted']) {
        await store.append({
          actorRef: 'user:default/alice',
          action,
          targetRef: target,
        });
      }
      await store.append({
        actorRef: 'user:default/bob',
        action: 'app.created',
        targetRef: 'iotapp:default/energy-monitor',
      });

      const first = await store.listByTarget(target, { limit: 2 });
      expect(first.items.map(e => e.action)).toEqual([
        'app.submitted',
        'app.updated',
      ]);
      expect(first.nextCursor).toBe(first.items[1].id);

      const second = await store.listByTarget(target, {
        limit: 2,
        cursor: first.nextCursor,
      });
      expect(second.items.map(e => e.action)).toEqual(['app.created']);
      expect(second.nextCursor).toBeUndefined();

      expect(await store.listByTarget('iotapp:default/unknown')).toEqual({
        items: [],
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'clamps the page size to at least one event on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const target = 'iotimage:default/energy-collector';
      await store.append({
        actorRef: 'user:default/bob',
        action: 'image.created',
        targetRef: target,
      });
      await store.append({
        actorRef: 'user:default/bob',
        action: 'image.deleted',
        targetRef: target,
      });

      const page = await store.listByTarget(target, { limit: 0 });

      expect(page.items.map(e => e.action)).toEqual(['image.deleted']);
      expect(page.nextCursor).toBeDefined();
    },
  );
});
