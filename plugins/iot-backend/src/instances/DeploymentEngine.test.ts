import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import {
  exampleSpecGraph,
  InvalidSpecGraphError,
  SpecGraph,
} from '@internal/backstage-plugin-iot-common';
import { Knex } from 'knex';
import {
  createDeployments,
  exampleWith,
  TEST_SECRET_KEY,
} from './__testUtils__/deployments';
import { ResourceRecord } from './InstancesStore';
import { SecretBox } from './SecretBox';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

/** Each resource's operation started after those it waits for ended. */
function expectInstallOrder(resources: ResourceRecord[]) {
  const byNode = new Map(resources.map(r => [r.nodeId, r]));
  for (const resource of resources) {
    for (const dependency of resource.definition.dependsOn) {
      expect(
        Date.parse(resource.startedAt!) >=
          Date.parse(byNode.get(dependency)!.finishedAt!),
      ).toBe(true);
    }
  }
}

/** A VPC and `count` security groups in it: wide, one level deep. */
function wideGraph(count: number): SpecGraph {
  return {
    nodes: [
      { id: 'vpc', type: 'vpc', properties: { name: 'vpc' } },
      ...Array.from({ length: count }, (_, i) => ({
        id: `sg-${i}`,
        type: 'security-group',
        properties: { name: `sg-${i}` },
      })),
    ],
    edges: Array.from({ length: count }, (_, i) => ({
      source: `sg-${i}`,
      target: 'vpc',
    })),
  };
}

describe.each(databases.eachSupportedId())(
  'deployment engine on %p',
  (databaseId: TestDatabaseId) => {
    let knex: Knex;
    let deployments: Awaited<ReturnType<typeof createDeployments>>;

    async function start(
      options: Parameters<typeof createDeployments>[1] = {},
    ) {
      knex = await databases.init(databaseId);
      deployments = await createDeployments(knex, options);
      return deployments;
    }

    afterEach(async () => {
      await deployments?.engine.stop();
    });

    it('installs along the graph, feeds outputs to dependants and collects the access outputs', async () => {
      const { deploy, waitFor, store, sandbox, service, recorded, secrets } =
        await start({ sandbox: { latencyMs: 20 } });

      const id = await deploy();
      const instance = await waitFor(id);

      expect(instance.status).toBe('running');
      const resources = await store.listResources(id);
      expect(resources.map(r => r.nodeId).sort()).toEqual([
        'cluster',
        'db',
        'eip',
        'lb',
        'pool',
        'server',
        'sg',
        'subnet',
        'vpc',
      ]);
      expect(
        resources.every(r => r.status === 'ready' && r.attempts === 1),
      ).toBe(true);
      expectInstallOrder(resources);
      const lb = resources.find(r => r.nodeId === 'lb')!;
      const eip = resources.find(r => r.nodeId === 'eip')!;
      // the load balancer got the elastic IP's address as input
      expect(lb.outputs!.publicAddress).toBe(eip.outputs!.address);
      expect(instance.outputs).toEqual({
        accessAddress: `http://${eip.outputs!.address}`,
        account: 'admin',
      });
      // passwords are sealed, never in outputs or logs
      const db = resources.find(r => r.nodeId === 'db')!;
      const { password } = secrets.openJson(db.secrets!);
      expect(JSON.stringify(db.outputs)).not.toContain(password);
      const adminPassword = secrets.openJson(instance.secrets).adminPassword;
      expect(instance.secrets).not.toContain(adminPassword);
      const events = await store.listEvents(id, { limit: 500 });
      const log = events.map(e => e.message).join('\n');
      expect(log).not.toContain(password);
      expect(log).not.toContain(adminPassword);
      expect(log).toContain('installed: 9 resources ready');

      const owner = await service.getInstance(id, { withSecrets: true });
      expect(owner.outputs).toEqual({
        accessAddress: `http://${eip.outputs!.address}`,
        account: 'admin',
        password: adminPassword,
      });
      expect(owner.resources.find(r => r.nodeId === 'db')!.outputs).toEqual(
        expect.objectContaining({ account: 'root', port: 3306, password }),
      );
      const reader = await service.getInstance(id, { withSecrets: false });
      expect(reader.outputs).toEqual({
        accessAddress: `http://${eip.outputs!.address}`,
        account: 'admin',
      });
      expect(JSON.stringify(reader)).not.toContain(password);
      expect(JSON.stringify(reader)).not.toContain(adminPassword);

      expect((await sandbox.list({ instanceId: id, live: true })).length).toBe(
        9,
      );
      expect(recorded.map(r => r.status)).toEqual(['installing', 'running']);
      expect(recorded[1].passedGraphEtag).toBe(instance.graphEtag);
    });

    it('refuses a graph with a cycle before anything starts', async () => {
      const { deploy, store, sandbox } = await start();
      const graph = exampleSpecGraph();
      graph.edges.push({ source: 'vpc', target: 'lb' });

      await expect(deploy(graph)).rejects.toThrow(InvalidSpecGraphError);

      const tests = await store.listInstancesOfSpec('spec-1', 'test', {
        limit: 10,
      });
      expect(tests.items).toEqual([]);
      expect(await sandbox.list()).toEqual([]);
    });

    it('on a failure starts no dependant, lets siblings finish, and rolls everything back in reverse order', async () => {
      // nominal times / 2000: the database (600 s) takes 300 ms, the
      // cluster 150 ms, so the database is still being created when the
      // node pool fails right after the cluster is ready
      const { deploy, waitFor, store, sandbox, recorded } = await start({
        sandbox: { latencyFactor: 0.0005 },
      });

      const id = await deploy(exampleWith({ pool: { 'x-fault': 'fail' } }));
      const instance = await waitFor(id);

      expect(instance.status).toBe('failed');
      expect(instance.operation).toBe('rollback');
      expect(instance.error).toEqual({
        nodeId: 'pool',
        message: expect.stringMatching(
          /^Node pool 'parking-nodes' failed: sandbox refused creating Node pool 'parking-nodes': fault injected by property x-fault of node pool/,
        ),
      });
      const resources = await store.listResources(id);
      const byNode = new Map(resources.map(r => [r.nodeId, r]));
      // dependants of the failed node pool never started
      for (const node of ['server', 'lb']) {
        expect(byNode.get(node)).toMatchObject({
          status: 'pending',
          attempts: 0,
          startedAt: null,
        });
      }
      expect(byNode.get('pool')).toMatchObject({
        status: 'deleted',
        error: expect.stringContaining('fault injected'),
      });
      for (const node of ['vpc', 'subnet', 'sg', 'eip', 'cluster', 'db']) {
        expect(byNode.get(node)!.status).toBe('deleted');
      }
      // the database, a sibling being created, finished after the failure
      const log = (await store.listEvents(id, { limit: 500 })).map(
        e => e.message,
      );
      const failedAt = log.findIndex(line =>
        line.startsWith("Node pool 'parking-nodes': creating failed"),
      );
      const dbCreatedAt = log.findIndex(line =>
        line.startsWith("Relational database 'parking-db': created in "),
      );
      expect(failedAt).toBeGreaterThan(0);
      expect(dbCreatedAt).toBeGreaterThan(failedAt);
      // dependants were deleted before what they depend on
      for (const resource of resources.filter(r => r.status === 'deleted')) {
        for (const dependency of resource.definition.dependsOn) {
          expect(
            Date.parse(byNode.get(dependency)!.startedAt!) >=
              Date.parse(resource.finishedAt!),
          ).toBe(true);
        }
      }
      expect(await sandbox.list({ live: true })).toEqual([]);
      expect(log).toContainEqual(
        expect.stringMatching(
          /^rolled back in \d+\.\d s: every resource created was deleted$/,
        ),
      );
      expect(recorded.map(r => r.status)).toEqual(['installing', 'failed']);
    });

    it('retries throttled creations with backoff, then succeeds', async () => {
      const { deploy, waitFor, store } = await start();

      const id = await deploy(
        exampleWith({ vpc: { 'x-fault': 'throttle', 'x-fault-times': 2 } }),
      );
      const instance = await waitFor(id);

      expect(instance.status).toBe('running');
      const vpc = (await store.listResources(id)).find(
        r => r.nodeId === 'vpc',
      )!;
      expect(vpc).toMatchObject({ status: 'ready', attempts: 3 });
      const warnings = (await store.listEvents(id, { limit: 500 })).filter(
        e => e.level === 'warn',
      );
      expect(warnings.map(e => e.message)).toEqual([
        expect.stringMatching(
          /^VPC 'parking-vpc': sandbox throttled creating VPC 'parking-vpc' \(429 Too Many Requests, .*\); trying again in \d+\.\d s \(attempt 2 of 4\)$/,
        ),
        expect.stringMatching(/\(attempt 3 of 4\)$/),
      ]);
    });

    it('gives up on a resource that keeps being throttled or hangs, and rolls back', async () => {
      const { deploy, waitFor, store, sandbox } = await start({
        engine: { attemptTimeoutMs: 100 },
      });

      const throttled = await deploy(
        exampleWith({ eip: { 'x-fault': 'throttle', 'x-fault-times': 10 } }),
      );
      const hanging = await deploy(exampleWith({ sg: { 'x-fault': 'hang' } }));

      const first = await waitFor(throttled);
      expect(first.status).toBe('failed');
      expect(first.error!.message).toMatch(/gave up after 4 attempts\)$/);
      const second = await waitFor(hanging);
      expect(second.status).toBe('failed');
      expect(second.error).toEqual({
        nodeId: 'sg',
        message:
          "Security group 'parking-db-sg' failed: no answer within 0.1 s (gave up after 4 attempts)",
      });
      // the hung creation had made a resource: the rollback removed it
      expect(
        (await sandbox.list({ instanceId: hanging })).map(r => r.nodeId),
      ).toContain('sg');
      expect(await sandbox.list({ live: true })).toEqual([]);
      expect(
        (await store.listResources(hanging)).find(r => r.nodeId === 'sg')!
          .status,
      ).toBe('deleted');
    });

    it('fails on a sandbox quota with a message that says what to do', async () => {
      const { deploy, waitFor } = await start({
        sandbox: { quotas: { eip: 0 } },
      });

      const instance = await waitFor(await deploy());

      expect(instance.error).toEqual({
        nodeId: 'eip',
        message:
          "Elastic IP 'parking-eip' failed: sandbox quota reached: at most 0 Elastic IP resources (0 in use); uninstall an instance, or raise iot.deployments.sandbox.quotas.eip",
      });
    });

    it('uninstalls in reverse order, and a second uninstall changes nothing', async () => {
      const { deploy, waitFor, service, store, sandbox } = await start({
        sandbox: { latencyMs: 10 },
      });
      const id = await deploy();
      await waitFor(id);

      await service.uninstall(id, 'user:default/alice');
      const instance = await waitFor(id, ['deleted', 'failed']);

      expect(instance.status).toBe('deleted');
      const resources = await store.listResources(id);
      expect(resources.every(r => r.status === 'deleted')).toBe(true);
      const byNode = new Map(resources.map(r => [r.nodeId, r]));
      for (const resource of resources) {
        for (const dependency of resource.definition.dependsOn) {
          expect(
            Date.parse(byNode.get(dependency)!.startedAt!) >=
              Date.parse(resource.finishedAt!),
          ).toBe(true);
        }
      }
      expect(await sandbox.list({ live: true })).toEqual([]);

      const again = await service.uninstall(id, 'user:default/alice');
      expect(again.status).toBe('deleted');
      expect((await waitFor(id, ['deleted'])).status).toBe('deleted');
      expect(
        (await store.listEvents(id, { limit: 500 })).filter(e =>
          e.message.startsWith('uninstall requested'),
        ),
      ).toHaveLength(1);
      // deleting a deleted instance's resources again is harmless
      const failedTwice = await deploy(
        exampleWith({ db: { 'x-fault': 'fail' } }),
      );
      await waitFor(failedTwice);
      await service.uninstall(failedTwice, 'user:default/alice');
      expect((await waitFor(failedTwice, ['deleted'])).error!.nodeId).toBe(
        'db',
      );
    });

    it('stops an install when it is uninstalled meanwhile and deletes what it created', async () => {
      const { deploy, waitFor, service, store, sandbox } = await start({
        sandbox: { latencyMs: 40 },
      });
      const id = await deploy(exampleWith({ pool: { 'x-fault': 'hang' } }));
      for (;;) {
        const pool = (await store.listResources(id)).find(
          r => r.nodeId === 'pool',
        )!;
        if (pool.status === 'creating') break;
        await new Promise(resolve => setTimeout(resolve, 10));
      }

      await service.uninstall(id, 'user:default/alice');
      const instance = await waitFor(id, ['deleted', 'failed']);

      expect(instance.status).toBe('deleted');
      const resources = await store.listResources(id);
      expect(
        resources.filter(r => r.status !== 'deleted').map(r => r.nodeId),
      ).toEqual(expect.arrayContaining(['server', 'lb']));
      expect(await sandbox.list({ live: true })).toEqual([]);
    });

    it('creates at most `parallelism` resources at a time', async () => {
      const { deploy, waitFor, store } = await start({
        engine: { parallelism: 3 },
        sandbox: { latencyMs: 100 },
      });

      const id = await deploy(wideGraph(8));
      expect((await waitFor(id)).status).toBe('running');

      // the engine's own record of each create: from before it was asked
      // for to after it was written ready
      const intervals = (await store.listResources(id)).map(r => [
        Date.parse(r.startedAt!),
        Date.parse(r.finishedAt!),
      ]);
      const overlap = Math.max(
        ...intervals.map(
          ([at]) => intervals.filter(([s, e]) => s <= at && at < e).length,
        ),
      );
      expect(overlap).toBeLessThanOrEqual(3);
      expect(overlap).toBeGreaterThan(1);
    });

    it('resumes a stopped engine’s install without creating anything twice', async () => {
      const first = await start({ sandbox: { latencyMs: 60 } });
      const id = await first.deploy();
      for (;;) {
        const ready = (await first.store.listResources(id)).filter(
          r => r.status === 'ready',
        );
        if (ready.length >= 3) break;
        await new Promise(resolve => setTimeout(resolve, 10));
      }
      await first.engine.stop();
      const stopped = await first.store.getInstance(id);
      expect(stopped).toMatchObject({ status: 'installing', leaseOwner: null });

      const second = await createDeployments(knex, {
        sandbox: { latencyMs: 60 },
      });
      deployments = second;
      await second.engine.start();
      const instance = await second.waitFor(id);

      expect(instance.status).toBe('running');
      const created = await second.sandbox.list({ instanceId: id });
      expect(created).toHaveLength(9);
      expect(new Set(created.map(r => r.idempotencyKey)).size).toBe(9);
      const log = (await second.store.listEvents(id, { limit: 500 })).map(
        e => e.message,
      );
      expect(log).toContainEqual(
        expect.stringMatching(/^install resumed by engine /),
      );
    });

    it('opens secrets only with the key they were sealed with', async () => {
      const { deploy, waitFor } = await start();
      const id = await deploy();
      const instance = await waitFor(id);

      expect(() =>
        new SecretBox(`${TEST_SECRET_KEY} but another`).open(instance.secrets),
      ).toThrow(/sealed with another key/);
      expect(
        new SecretBox(TEST_SECRET_KEY).openJson(instance.secrets).adminPassword,
      ).toMatch(/^\S{20}$/);
    });
  },
);
