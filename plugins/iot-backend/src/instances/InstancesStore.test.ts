import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { InstancesStore, NewResource } from './InstancesStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const inFuture = (ms: number) => new Date(Date.now() + ms).toISOString();

function resource(nodeId: string, dependsOn: string[] = []): NewResource {
  return {
    nodeId,
    type: 'vpc',
    name: nodeId,
    definition: { properties: { name: nodeId }, dependsOn, dependants: [] },
    secrets: null,
    idempotencyKey: `key.${nodeId}`,
  };
}

describe.each(databases.eachSupportedId())(
  'InstancesStore on %p',
  (databaseId: TestDatabaseId) => {
    let knex: Knex;
    let store: InstancesStore;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await InstancesStore.create({
        database: mockServices.database({ knex }),
      });
    });

    async function createInstance(id: string, specId = 'spec-a') {
      return store.createInstance(
        {
          id,
          specId,
          kind: 'test',
          ownerRef: 'group:default/isv-acme',
          createdBy: 'user:default/alice',
          provider: 'sandbox',
          graphEtag: '"abc"',
          secrets: 'sealed',
        },
        [resource('vpc'), resource('subnet', ['vpc'])],
        { level: 'info', nodeId: null, message: 'requested' },
      );
    }

    it('stores an instance with its resources in install order and its log', async () => {
      const created = await createInstance('inst-aaaaaaaaaaaaaaaaaaaa');

      expect(created).toMatchObject({
        id: 'inst-aaaaaaaaaaaaaaaaaaaa',
        status: 'pending',
        operation: 'install',
        outputs: null,
        error: null,
        installResult: null,
        installFinishedAt: null,
        leaseOwner: null,
      });
      const resources = await store.listResources(created.id);
      expect(resources.map(r => [r.nodeId, r.position, r.status])).toEqual([
        ['vpc', 0, 'pending'],
        ['subnet', 1, 'pending'],
      ]);
      expect(resources[1].definition.dependsOn).toEqual(['vpc']);

      await store.appendEvents(created.id, [
        { level: 'warn', nodeId: 'vpc', message: 'slow' },
        { level: 'info', nodeId: null, message: 'done' },
      ]);
      const first = await store.listEvents(created.id, { limit: 2 });
      expect(first.map(e => e.message)).toEqual(['requested', 'slow']);
      const next = await store.listEvents(created.id, {
        after: first[1].id,
        limit: 10,
      });
      expect(next.map(e => [e.level, e.nodeId, e.message])).toEqual([
        ['info', null, 'done'],
      ]);
      expect(
        (await store.latestEvents(created.id, 2)).map(e => e.message),
      ).toEqual(['slow', 'done']);
    });

    it('lists the instances of a spec newest first, page by page', async () => {
      for (const id of ['inst-a1', 'inst-a2', 'inst-a3']) {
        await createInstance(id.padEnd(25, '0'));
      }
      await createInstance('inst-b1'.padEnd(25, '0'), 'spec-b');

      const first = await store.listInstancesOfSpec('spec-a', 'test', {
        limit: 2,
      });
      expect(first.items.map(i => i.id.slice(0, 7))).toEqual([
        'inst-a3',
        'inst-a2',
      ]);
      const second = await store.listInstancesOfSpec('spec-a', 'test', {
        limit: 2,
        cursor: first.nextCursor!,
      });
      expect(second.items.map(i => i.id.slice(0, 7))).toEqual(['inst-a1']);
      expect(second.nextCursor).toBeNull();
    });

    it('gives a lease to one engine at a time and fences the writes of one that lost it', async () => {
      const { id } = await createInstance('inst-aaaaaaaaaaaaaaaaaaaa');

      const [a, b] = await Promise.all([
        store.acquireLease(id, 'engine-a', inFuture(60_000)),
        store.acquireLease(id, 'engine-b', inFuture(60_000)),
      ]);
      expect([a, b].filter(Boolean)).toHaveLength(1);
      const holder = a ? 'engine-a' : 'engine-b';
      const other = a ? 'engine-b' : 'engine-a';
      expect(await store.findRunnable(10)).toEqual([]);
      expect(
        await store.updateResource(id, 'vpc', other, { status: 'creating' }),
      ).toBe(false);
      expect(
        await store.updateResource(id, 'vpc', holder, { status: 'creating' }),
      ).toBe(true);

      // the holder stops renewing: once the lease expires the other takes over
      expect(await store.renewLease(id, holder, inFuture(-1))).toBeDefined();
      expect(await store.findRunnable(10)).toEqual([id]);
      expect(
        await store.acquireLease(id, other, inFuture(60_000)),
      ).toMatchObject({ leaseOwner: other });
      expect(await store.renewLease(id, holder, inFuture(60_000))).toBe(
        undefined,
      );
      expect(
        await store.updateResource(id, 'vpc', holder, { status: 'ready' }),
      ).toBe(false);
      expect(
        await store.updateInstance(id, holder, { status: 'running' }),
      ).toBe(false);
      expect((await store.listResources(id))[0].status).toBe('creating');

      await store.releaseLease(id, other);
      expect(await store.findRunnable(10)).toEqual([id]);
    });

    it('changes an instance only while its operation is the expected one', async () => {
      const { id } = await createInstance('inst-aaaaaaaaaaaaaaaaaaaa');
      await store.acquireLease(id, 'engine-a', inFuture(60_000));

      expect(await store.requestUninstall(id)).toBe('requested');
      expect(
        await store.updateInstance(
          id,
          'engine-a',
          { status: 'running' },
          { ifOperation: 'install' },
        ),
      ).toBe(false);
      expect(await store.getInstance(id)).toMatchObject({
        status: 'uninstalling',
        operation: 'uninstall',
      });
      expect(await store.requestUninstall(id)).toBe('already');
      expect(await store.requestUninstall('inst-missing')).toBeUndefined();
      expect(
        await store.updateInstance(
          id,
          'engine-a',
          {
            status: 'deleted',
            error: { nodeId: 'vpc', message: 'broken' },
            outputs: { accessAddress: null, account: 'admin' },
          },
          { ifOperation: 'uninstall' },
        ),
      ).toBe(true);
      expect(await store.getInstance(id)).toMatchObject({
        status: 'deleted',
        error: { nodeId: 'vpc', message: 'broken' },
        outputs: { accessAddress: null, account: 'admin' },
      });
      expect(await store.findRunnable(10)).toEqual([]);
    });

    it('records when and how the install ended, and keeps it through the uninstall', async () => {
      const { id, createdAt } = await createInstance(
        'inst-aaaaaaaaaaaaaaaaaaaa',
      );
      await store.acquireLease(id, 'engine-a', inFuture(60_000));

      await store.updateInstance(id, 'engine-a', {
        status: 'running',
        installResult: 'passed',
      });
      const installed = await store.getInstance(id);
      expect(installed?.installResult).toBe('passed');
      expect(Date.parse(installed!.installFinishedAt!)).toBeGreaterThanOrEqual(
        Date.parse(createdAt),
      );

      await store.requestUninstall(id);
      await store.updateInstance(id, 'engine-a', { status: 'deleted' });
      expect(await store.getInstance(id)).toMatchObject({
        status: 'deleted',
        installResult: 'passed',
        installFinishedAt: installed!.installFinishedAt,
      });
    });

    it('finds the instances of specs that hold cloud resources', async () => {
      const owner = 'engine-a';
      /** An instance of `specId` left in `status`, its vpc in `vpc`. */
      async function left(
        id: string,
        specId: string,
        status: 'pending' | 'running' | 'failed' | 'deleted' | 'uninstalling',
        vpc: 'pending' | 'ready' | 'deleted',
      ) {
        await createInstance(id, specId);
        await store.acquireLease(id, owner, inFuture(60_000));
        await store.updateResource(id, 'vpc', owner, { status: vpc });
        await store.updateInstance(id, owner, { status });
      }
      await left('inst-pending0000000000000', 'spec-a', 'pending', 'pending');
      await left('inst-running0000000000000', 'spec-a', 'running', 'ready');
      await left('inst-rolledback000000000', 'spec-a', 'failed', 'deleted');
      await left('inst-leftover00000000000', 'spec-b', 'failed', 'ready');
      await left('inst-deleted000000000000', 'spec-b', 'deleted', 'deleted');
      await left('inst-uninstalling0000000', 'spec-c', 'uninstalling', 'ready');
      await left('inst-otherspec0000000000', 'spec-d', 'running', 'ready');

      const live = await store.liveInstancesOfSpecs([
        'spec-a',
        'spec-b',
        'spec-c',
      ]);
      expect(live.map(i => [i.id, i.specId, i.status]).sort()).toEqual([
        ['inst-leftover00000000000', 'spec-b', 'failed'],
        ['inst-pending0000000000000', 'spec-a', 'pending'],
        ['inst-running0000000000000', 'spec-a', 'running'],
        ['inst-uninstalling0000000', 'spec-c', 'uninstalling'],
      ]);
      expect(await store.liveInstancesOfSpecs(['spec-b'], 1)).toHaveLength(1);
      expect(await store.liveInstancesOfSpecs([])).toEqual([]);
    });

    it('generates the sealing key once', async () => {
      const [first, second] = await Promise.all([
        store.generatedKey(),
        store.generatedKey(),
      ]);
      expect(first).toHaveLength(32);
      expect(second.equals(first)).toBe(true);
    });
  },
);
