import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  IotInstanceItem,
  SpecGraph,
} from '@internal/backstage-plugin-iot-common';
import { Knex } from 'knex';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createAppWithSpec, graphUsing } from '../__testUtils__/apps';
import { as, startIotBackend } from '../__testUtils__/testBackend';
import { SpecsStore } from '../specs/SpecsStore';
import { SandboxStore } from './sandbox/SandboxStore';

jest.setTimeout(60_000);

type Backend = Awaited<ReturnType<typeof startIotBackend>>;

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

/** graphUsing([]) with an elastic IP, so that the instance has an access address. */
function graphWithEip(): SpecGraph {
  const graph = graphUsing([]);
  return {
    nodes: [
      ...graph.nodes,
      { id: 'eip', type: 'eip', properties: { name: 'eip' } },
    ],
    edges: graph.edges,
  };
}

describe.each(databases.eachSupportedId())(
  'deployment routes on %p',
  (databaseId: TestDatabaseId) => {
    let directory: string;
    let knex: Knex;
    let backend: Backend;
    let apps = 0;

    const api = () => request(backend.server);
    const get = (persona: string, url: string) =>
      api().get(`/api/iot${url}`).set('Authorization', as(persona));
    const post = (persona: string, url: string) =>
      api().post(`/api/iot${url}`).set('Authorization', as(persona));
    const del = (persona: string, url: string) =>
      api().delete(`/api/iot${url}`).set('Authorization', as(persona));

    beforeAll(async () => {
      directory = await fs.mkdtemp(path.join(os.tmpdir(), 'iot-instances-'));
      knex = await databases.init(databaseId);
      backend = await startIotBackend({ directory, knex });
    });

    afterAll(async () => {
      await backend?.stop();
      await fs.rm(directory, { recursive: true, force: true });
    });

    /** A spec of alice's group (isv-acme) with `graph` saved. */
    async function specWith(graph: SpecGraph = graphWithEip()) {
      const { spec } = await createAppWithSpec(backend.server, 'alice', {
        app: { name: `Deployed ${++apps}` },
        images: [],
      });
      const store = await SpecsStore.create({
        database: mockServices.database({ knex }),
      });
      await store.updateSpec(spec.id, { graph });
      return spec.id as string;
    }

    async function until(
      instanceId: string,
      statuses: string[],
    ): Promise<IotInstanceItem> {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const response = await get('alice', `/instances/${instanceId}`);
        expect(response.status).toBe(200);
        if (statuses.includes(response.body.status)) {
          return response.body;
        }
        if (Date.now() > deadline) {
          throw new Error(`instance is ${response.body.status}`);
        }
        await new Promise(resolve => setTimeout(resolve, 25));
      }
    }

    it('runs a deployment test: 202, progress, outputs, history, and the spec passes', async () => {
      const specId = await specWith();

      const started = await post('alice', `/specs/${specId}/deployment-tests`);
      expect(started.status).toBe(202);
      expect(started.body).toEqual({
        instanceId: expect.stringMatching(/^inst-[a-z0-9]{20}$/),
      });
      const { instanceId } = started.body;

      const instance = await until(instanceId, ['running', 'failed']);
      expect(instance).toMatchObject({
        id: instanceId,
        specId,
        kind: 'test',
        status: 'running',
        operation: 'install',
        owner: 'group:default/isv-acme',
        createdBy: 'user:default/alice',
        error: null,
        installResult: 'passed',
        installFinishedAt: expect.any(String),
        outputs: {
          accessAddress: expect.stringMatching(/^http:\/\/198\.1[89]\./),
          account: 'admin',
          password: expect.stringMatching(/^\S{20}$/),
        },
      });
      expect(
        instance.resources.map(r => [r.nodeId, r.type, r.status, r.attempts]),
      ).toEqual([
        ['vpc', 'vpc', 'ready', 1],
        ['eip', 'eip', 'ready', 1],
        ['subnet', 'subnet', 'ready', 1],
        ['cluster', 'container-cluster', 'ready', 1],
        ['pool', 'node-pool', 'ready', 1],
      ]);
      expect(instance.resources[1].outputs).toEqual({
        id: expect.stringMatching(/^eip-[0-9a-f]{12}$/),
        address: expect.stringMatching(/^198\.1[89]\./),
      });
      expect(instance.events[0].message).toMatch(
        /^deployment test of spec '.*' requested by user:default\/alice: 5 resources/,
      );
      const { password } = instance.outputs!;

      const reviewer = await get('rita', `/instances/${instanceId}`);
      expect(reviewer.status).toBe(200);
      expect(reviewer.headers['cache-control']).toBe('no-store');
      expect(reviewer.body.outputs).toEqual({
        accessAddress: instance.outputs!.accessAddress,
        account: 'admin',
      });
      expect(JSON.stringify(reviewer.body)).not.toContain(password);

      const history = await get('alice', `/specs/${specId}/deployment-tests`);
      expect(history.status).toBe(200);
      expect(history.body).toEqual({
        items: [expect.objectContaining({ id: instanceId, status: 'running' })],
        nextCursor: null,
      });
      const spec = await get('alice', `/specs/${specId}`);
      expect(spec.body).toMatchObject({
        passedDeploymentTest: true,
        lastDeploymentTest: { instanceId, status: 'running' },
      });

      const events = await get(
        'alice',
        `/instances/${instanceId}/events?after=0&limit=2`,
      );
      expect(events.status).toBe(200);
      expect(events.body.items).toHaveLength(2);
      const rest = await get(
        'alice',
        `/instances/${instanceId}/events?after=${events.body.nextCursor}&limit=500`,
      );
      expect(rest.body.items[0].id).toBeGreaterThan(events.body.items[1].id);
      expect(rest.body.nextCursor).toBeNull();
      expect(
        (await get('alice', `/instances/${instanceId}/events?after=x`)).status,
      ).toBe(400);

      // uninstall, twice
      const removed = await del('alice', `/instances/${instanceId}`);
      expect(removed.status).toBe(202);
      expect(removed.body).toMatchObject({
        id: instanceId,
        status: 'uninstalling',
        operation: 'uninstall',
      });
      const deleted = await until(instanceId, ['deleted', 'failed']);
      expect(deleted.status).toBe('deleted');
      expect(deleted.outputs).toBeNull();
      // the history still says how the install ended, and when
      expect(deleted).toMatchObject({
        installResult: 'passed',
        installFinishedAt: instance.installFinishedAt,
      });
      expect((await del('alice', `/instances/${instanceId}`)).body.status).toBe(
        'deleted',
      );
      const sandbox = await SandboxStore.create({
        database: mockServices.database({ knex }),
      });
      expect(await sandbox.list({ instanceId, live: true })).toEqual([]);
      // the test passed; uninstalling it does not change that
      expect((await get('alice', `/specs/${specId}`)).body).toMatchObject({
        passedDeploymentTest: true,
      });
      // a changed graph has not passed
      const store = await SpecsStore.create({
        database: mockServices.database({ knex }),
      });
      await store.updateSpec(specId, { graph: graphUsing([]) });
      expect((await get('alice', `/specs/${specId}`)).body).toMatchObject({
        passedDeploymentTest: false,
        lastDeploymentTest: { instanceId, status: 'running' },
      });
    });

    it('refuses to delete a spec or its app while a test instance holds resources', async () => {
      const specId = await specWith();
      const appId = (await get('alice', `/specs/${specId}`)).body.appId;
      const { instanceId } = (
        await post('alice', `/specs/${specId}/deployment-tests`)
      ).body;
      await until(instanceId, ['running']);

      const refused = await del('alice', `/specs/${specId}`);
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toBe(
        `spec 'Standard' cannot be deleted while instances of it hold cloud resources: ${instanceId} (running; delete it on /iot/specs/${specId}); delete those instances first, so nothing is left running that no page could reach (rule: no-orphaned-instances)`,
      );
      const appRefused = await del('alice', `/apps/${appId}`);
      expect(appRefused.status).toBe(409);
      expect(appRefused.body.error.message).toMatch(
        new RegExp(`^app 'Deployed \\d+' cannot be deleted .*${instanceId}`),
      );
      expect((await get('alice', `/specs/${specId}`)).status).toBe(200);

      await del('alice', `/instances/${instanceId}`);
      await until(instanceId, ['deleted']);
      expect((await del('alice', `/specs/${specId}`)).status).toBe(204);
      expect((await del('alice', `/apps/${appId}`)).status).toBe(204);
    });

    it('reports which resource failed and why, and rolls back', async () => {
      const graph = graphWithEip();
      graph.nodes[2].properties['x-fault'] = 'fail';
      const specId = await specWith(graph);

      const started = await post('alice', `/specs/${specId}/deployment-tests`);
      const instance = await until(started.body.instanceId, ['failed']);

      expect(instance.error).toEqual({
        nodeId: 'cluster',
        message: expect.stringContaining(
          "Container cluster 'cce' failed: sandbox refused creating",
        ),
      });
      expect(instance.operation).toBe('rollback');
      expect(instance.installResult).toBe('failed');
      expect(Date.parse(instance.installFinishedAt!)).toBeGreaterThanOrEqual(
        Date.parse(instance.createdAt),
      );
      expect(
        instance.resources.map(r => [r.nodeId, r.status, r.error !== null]),
      ).toEqual([
        ['vpc', 'deleted', false],
        ['eip', 'deleted', false],
        ['subnet', 'deleted', false],
        ['cluster', 'deleted', true],
        ['pool', 'pending', false],
      ]);
      expect(instance.outputs).toBeNull();
      expect((await get('alice', `/specs/${specId}`)).body).toMatchObject({
        passedDeploymentTest: false,
        lastDeploymentTest: { status: 'failed' },
      });
    });

    it('refuses to test a graph with problems (409, every problem) or without resources', async () => {
      const cyclic = graphUsing([]);
      cyclic.edges.push({ source: 'vpc', target: 'pool' });
      const specId = await specWith(cyclic);

      const refused = await post('alice', `/specs/${specId}/deployment-tests`);
      expect(refused.status).toBe(409);
      expect(refused.body.error).toEqual({
        name: 'ConflictError',
        message: expect.stringMatching(
          /^the saved dependency graph of spec .* has 2 problems: .*; open it in the editor, fix them and save before testing a deployment$/,
        ),
      });
      expect(refused.body.problems).toEqual([
        expect.objectContaining({ rule: 'edge-not-allowed' }),
        expect.objectContaining({ rule: 'cycle' }),
      ]);

      const empty = await specWith({ nodes: [], edges: [] });
      const nothing = await post('alice', `/specs/${empty}/deployment-tests`);
      expect(nothing.status).toBe(409);
      expect(nothing.body.error.message).toMatch(/has no resources/);
      expect(
        (await get('alice', `/specs/${specId}/deployment-tests`)).body.items,
      ).toEqual([]);
    });

    it('lets the owning group run and delete, reviewers read, and nobody else see anything', async () => {
      const specId = await specWith();

      expect(
        (await post('bob', `/specs/${specId}/deployment-tests`)).status,
      ).toBe(404);
      const reviewer = await post('rita', `/specs/${specId}/deployment-tests`);
      expect(reviewer.status).toBe(403);
      expect(reviewer.body.error.message).toMatch(/iot\.app\.update/);
      expect(
        (await post('sam', `/specs/${specId}/deployment-tests`)).status,
      ).toBe(404);
      expect(
        (await api().post(`/api/iot/specs/${specId}/deployment-tests`)).status,
      ).toBe(401);

      // carol is in isv-acme too
      const started = await post('carol', `/specs/${specId}/deployment-tests`);
      expect(started.status).toBe(202);
      const { instanceId } = started.body;
      await until(instanceId, ['running']);

      for (const persona of ['bob', 'sam']) {
        expect((await get(persona, `/instances/${instanceId}`)).status).toBe(
          404,
        );
        expect(
          (await get(persona, `/instances/${instanceId}/events`)).status,
        ).toBe(404);
        expect((await del(persona, `/instances/${instanceId}`)).status).toBe(
          404,
        );
        expect(
          (await get(persona, `/specs/${specId}/deployment-tests`)).status,
        ).toBe(404);
      }
      expect(
        (await get('rita', `/specs/${specId}/deployment-tests`)).status,
      ).toBe(200);
      const denied = await del('rita', `/instances/${instanceId}`);
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toBe(
        `missing permission iot.app.update on iotinstance:default/${instanceId}`,
      );
      expect(
        (await get('alice', '/instances/inst-00000000000000000000')).status,
      ).toBe(404);
      expect((await get('alice', '/instances/not-an-id')).status).toBe(400);
      expect((await del('alice', `/instances/${instanceId}`)).status).toBe(202);
    });
  },
);
