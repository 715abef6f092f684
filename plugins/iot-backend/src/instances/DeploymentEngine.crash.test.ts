import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';
import {
  createDeployments,
  TEST_SECRET_KEY,
} from './__testUtils__/deployments';
import { InstancesStore } from './InstancesStore';
import { SandboxStore } from './sandbox/SandboxStore';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const FIXTURE = path.resolve(__dirname, '__fixtures__/engineProcess.ts');
const LEASE_MS = 1500;

type Engine = { child: ChildProcess; engineId: string };

/** Starts the engine in a child process on the database; resolves once it runs. */
function startEngineProcess(
  client: string,
  connection: unknown,
): Promise<Engine> {
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      FIXTURE,
      JSON.stringify({
        client,
        connection,
        latencyMs: 250,
        leaseMs: LEASE_MS,
        secretKey: TEST_SECRET_KEY,
      }),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', chunk => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', chunk => {
      stdout += chunk;
      const ready = /^ready (\S+)$/m.exec(stdout);
      if (ready) {
        resolve({ child, engineId: ready[1] });
      }
    });
    child.on('exit', code =>
      reject(new Error(`engine process exited (${code}): ${stderr}`)),
    );
  });
}

function kill9(engine: Engine): Promise<void> {
  const { child } = engine;
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise(resolve => {
    child.on('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function until<T>(
  check: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 25));
  }
}

describe.each(databases.eachSupportedId())(
  'deployment engine crashes on %p',
  (databaseId: TestDatabaseId) => {
    let knex: Knex;
    let client: string;
    let connection: unknown;
    const children: Engine[] = [];
    let directory: string | undefined;

    beforeEach(async () => {
      if (databaseId === 'SQLITE_3') {
        // processes share a file, not an in-memory database
        directory = await fs.mkdtemp(path.join(os.tmpdir(), 'iot-crash-'));
        client = 'better-sqlite3';
        connection = { filename: path.join(directory, 'iot.sqlite') };
        knex = knexFactory({
          client,
          connection,
          useNullAsDefault: true,
        } as any);
      } else {
        knex = await databases.init(databaseId);
        client = 'pg';
        connection = (knex.client as any).config.connection;
      }
    });

    afterEach(async () => {
      for (const engine of children.splice(0)) {
        await kill9(engine);
      }
      if (directory) {
        await knex.destroy();
        await fs.rm(directory, { recursive: true, force: true });
        directory = undefined;
      }
    });

    async function spawnEngine() {
      const engine = await startEngineProcess(client, connection);
      children.push(engine);
      return engine;
    }

    it('resumes an install and an uninstall after kill -9 without creating anything twice', async () => {
      // the parent only stores instances; child processes run them
      const { deploy, service, store } = await createDeployments(knex, {
        run: false,
      });
      const sandbox = await SandboxStore.create({
        database: mockServices.database({ knex }),
      });
      const id = await deploy();

      const first = await spawnEngine();
      // kill it while the cloud is creating a resource for it
      const atKill = await until(async () => {
        const resources = await store.listResources(id);
        const ready = resources.filter(r => r.status === 'ready').length;
        const made = await sandbox.list({ instanceId: id });
        const inProgress = resources.some(
          r =>
            r.status === 'creating' &&
            made.some(
              m =>
                m.idempotencyKey === r.idempotencyKey &&
                Date.parse(m.readyAt!) > Date.now() + 50,
            ),
        );
        return ready >= 3 && inProgress && resources;
      }, 'a resource to be under way in the sandbox');
      await kill9(first);

      const crashed = await store.getInstance(id);
      expect(crashed).toMatchObject({
        status: 'installing',
        leaseOwner: first.engineId,
      });
      const inFlight = (await store.listResources(id))
        .filter(r => r.status === 'creating')
        .map(r => r.idempotencyKey);
      expect(inFlight.length).toBeGreaterThan(0);
      // what the sandbox had made by then, some of it still being created
      const madeBeforeKill = await sandbox.list({ instanceId: id });
      expect(
        madeBeforeKill.filter(r => inFlight.includes(r.idempotencyKey)).length,
      ).toBeGreaterThan(0);
      expect(atKill.length).toBe(9);

      const second = await spawnEngine();
      // running, and the lease given back
      await until(async () => {
        const instance = await store.getInstance(id);
        return instance?.status === 'running' && instance.leaseOwner === null;
      }, 'the install to finish');
      const created = await sandbox.list({ instanceId: id });
      // one cloud resource per node: none was created twice
      expect(created).toHaveLength(9);
      expect(new Set(created.map(r => r.idempotencyKey)).size).toBe(9);
      // what the first engine had made, finished or not, was found again, not remade
      expect(
        created.filter(r => madeBeforeKill.some(made => made.id === r.id)),
      ).toHaveLength(madeBeforeKill.length);
      const log = (await store.listEvents(id, { limit: 500 })).map(
        e => e.message,
      );
      expect(log).toContainEqual(
        expect.stringContaining(`install resumed by engine ${second.engineId}`),
      );

      // now kill the engine in the middle of the uninstall
      await service.uninstall(id, 'user:default/alice');
      await until(async () => {
        const resources = await store.listResources(id);
        return (
          resources.some(r => r.status === 'deleted') &&
          resources.some(r => r.status !== 'deleted')
        );
      }, 'the uninstall to be under way');
      await kill9(second);
      expect((await store.getInstance(id))!.status).toBe('uninstalling');

      await spawnEngine();
      await until(async () => {
        const instance = await store.getInstance(id);
        return instance?.status === 'deleted' && instance.leaseOwner === null;
      }, 'the uninstall to finish');
      expect(await sandbox.list({ live: true })).toEqual([]);
      expect(await sandbox.list({ instanceId: id })).toHaveLength(9);
    });

    if (databaseId === 'POSTGRES_15') {
      it('never runs an instance in two engines on one database', async () => {
        const other = knexFactory({ client, connection } as any);
        try {
          const a = await createDeployments(knex, {
            engineId: 'engine-a',
            sandbox: { latencyMs: 15 },
          });
          const b = await createDeployments(other, {
            engineId: 'engine-b',
            sandbox: { latencyMs: 15 },
          });
          await Promise.all([a.engine.start(), b.engine.start()]);
          const ids: string[] = [];
          for (let i = 0; i < 6; i++) {
            const id = await a.deploy();
            b.engine.kick(id);
            ids.push(id);
          }
          const store: InstancesStore = a.store;
          await until(async () => {
            const instances = await Promise.all(
              ids.map(id => store.getInstance(id)),
            );
            return instances.every(
              i => i?.status === 'running' && i.leaseOwner === null,
            );
          }, 'every install to finish');

          const created = await a.sandbox.list();
          expect(created).toHaveLength(6 * 9);
          expect(new Set(created.map(r => r.idempotencyKey)).size).toBe(54);
          for (const id of ids) {
            const starts = (await store.listEvents(id, { limit: 500 })).filter(
              e => e.message.startsWith('install started'),
            );
            expect(starts).toHaveLength(1);
            // one engine created all of an instance's resources
            expect(
              new Set(
                created.filter(r => r.instanceId === id).map(r => r.creator),
              ).size,
            ).toBe(1);
          }
          await Promise.all([a.engine.stop(), b.engine.stop()]);
        } finally {
          await other.destroy();
        }
      });
    }
  },
);
