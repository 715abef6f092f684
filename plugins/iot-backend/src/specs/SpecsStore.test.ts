import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { SpecGraph } from '@internal/backstage-plugin-iot-common';
import { AppsStore } from '../apps/AppsStore';
import { NewSpec, SpecsStore } from './SpecsStore';

jest.setTimeout(60_000);

const graph: SpecGraph = {
  nodes: [
    {
      id: 'server',
      type: 'container-workload',
      properties: {
        image: { name: 'parking-server', version: '1.4.2' },
        replicas: 2,
      },
      position: { x: 10.5, y: -3 },
    },
    {
      id: 'worker',
      type: 'container-workload',
      properties: { image: { name: 'parking-server', version: '1.4.2' } },
    },
    {
      id: 'db',
      type: 'vm',
      properties: { image: { name: 'parking-db', version: '15' } },
    },
    { id: 'vpc', type: 'vpc', properties: { cidr: '10.0.0.0/16' } },
  ],
  edges: [
    { source: 'server', target: 'db' },
    { source: 'db', target: 'vpc' },
  ],
};

function newSpec(id: string, name: string, appId = 'smart-parking'): NewSpec {
  return {
    id,
    appId,
    name,
    type: 'general',
    deployLocation: 'public-cloud',
    description: `${name}, described`,
    allowTrial: true,
    graph,
  };
}

describe('SpecsStore', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function setup(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    const database = mockServices.database({ knex });
    const apps = await AppsStore.create({ database });
    for (const [id, name] of [
      ['smart-parking', 'Smart Parking'],
      ['energy-monitor', 'Energy Monitor'],
    ]) {
      await apps.insertApp({
        id,
        name,
        industry: 'smart-city',
        scenario: 'parking',
        description: '',
        ownerRef: 'group:default/isv-acme',
        createdBy: 'user:default/alice',
      });
    }
    return { specs: await SpecsStore.create({ database }) };
  }

  it.each(databases.eachSupportedId())(
    'stores a spec with its graph and booleans as they were on %p',
    async databaseId => {
      const { specs } = await setup(databaseId);

      const written = await specs.insertSpec(
        newSpec('smart-parking-standard', 'Standard'),
      );
      await specs.insertSpec({
        ...newSpec('smart-parking-lite', 'Lite'),
        allowTrial: false,
      });

      expect(written).toEqual({
        spec: {
          ...newSpec('smart-parking-standard', 'Standard'),
          lastDeploymentTest: null,
          passedTestGraphEtag: null,
          createdAt: expect.any(String),
          updatedAt: expect.any(String),
        },
      });
      expect((await specs.findSpec('smart-parking-standard'))?.graph).toEqual(
        graph,
      );
      expect((await specs.findSpec('smart-parking-lite'))?.allowTrial).toBe(
        false,
      );
      expect(await specs.findSpec('nope')).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'reports clashes of id, and of name within the app only, on %p',
    async databaseId => {
      const { specs } = await setup(databaseId);
      await specs.insertSpec(newSpec('smart-parking-standard', 'Standard'));

      expect(
        await specs.insertSpec(
          newSpec('smart-parking-standard', 'Other', 'energy-monitor'),
        ),
      ).toEqual({ clash: 'id' });
      expect(
        await specs.insertSpec(newSpec('smart-parking-standard-2', 'STANDARD')),
      ).toEqual({ clash: 'name' });
      // nothing of the refused spec is left, its image uses included
      expect(await specs.findSpec('smart-parking-standard-2')).toBeUndefined();
      expect(
        (await specs.findImageUses(['parking-server'])).map(u => u.specId),
      ).toEqual(['smart-parking-standard']);
      expect(
        await specs.insertSpec(
          newSpec('energy-monitor-standard', 'Standard', 'energy-monitor'),
        ),
      ).toMatchObject({ spec: { id: 'energy-monitor-standard' } });
      expect(
        (await specs.findSpecByName('smart-parking', 'standard'))?.id,
      ).toBe('smart-parking-standard');
      expect(await specs.idsLike('smart-parking-standard')).toEqual([
        'smart-parking-standard',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'lists the specs of an app by name and all specs by id on %p',
    async databaseId => {
      const { specs } = await setup(databaseId);
      await specs.insertSpec(newSpec('smart-parking-b', 'beta'));
      await specs.insertSpec(newSpec('smart-parking-a', 'Gamma'));
      await specs.insertSpec(
        newSpec('energy-monitor-a', 'Alpha', 'energy-monitor'),
      );

      expect(
        (await specs.listSpecsOfApp('smart-parking')).map(s => s.name),
      ).toEqual(['beta', 'Gamma']);
      expect((await specs.listSpecs({ limit: 2 })).map(s => s.id)).toEqual([
        'energy-monitor-a',
        'smart-parking-a',
      ]);
      expect(
        (await specs.listSpecs({ limit: 2, afterId: 'smart-parking-a' })).map(
          s => s.id,
        ),
      ).toEqual(['smart-parking-b']);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the image uses in step with the graph on %p',
    async databaseId => {
      const { specs } = await setup(databaseId);
      await specs.insertSpec(newSpec('smart-parking-standard', 'Standard'));
      await specs.insertSpec(
        newSpec('energy-monitor-edge', 'Edge', 'energy-monitor'),
      );

      expect(
        await specs.findImageUses(['parking-server', 'parking-db', 'other']),
      ).toEqual(
        [
          {
            specId: 'smart-parking-standard',
            appId: 'smart-parking',
            imageName: 'parking-db',
            imageVersion: '15',
          },
          {
            specId: 'energy-monitor-edge',
            appId: 'energy-monitor',
            imageName: 'parking-db',
            imageVersion: '15',
          },
          {
            specId: 'smart-parking-standard',
            appId: 'smart-parking',
            imageName: 'parking-server',
            imageVersion: '1.4.2',
          },
          {
            specId: 'energy-monitor-edge',
            appId: 'energy-monitor',
            imageName: 'parking-server',
            imageVersion: '1.4.2',
          },
        ].sort(
          (a, b) =>
            a.imageName.localeCompare(b.imageName) ||
            a.specId.localeCompare(b.specId),
        ),
      );

      await specs.updateSpec('energy-monitor-edge', {
        graph: {
          nodes: [
            {
              id: 'n',
              type: 'vm',
              properties: {
                image: { name: 'parking-server', version: '2.0.0' },
              },
            },
          ],
          edges: [],
        },
      });
      await specs.deleteSpec('smart-parking-standard');

      expect(
        await specs.findImageUses(['parking-server', 'parking-db']),
      ).toEqual([
        {
          specId: 'energy-monitor-edge',
          appId: 'energy-monitor',
          imageName: 'parking-server',
          imageVersion: '2.0.0',
        },
      ]);
      expect(await specs.findImageUses([])).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'replaces the graph only while it is the expected one, with ifGraph, on %p',
    async databaseId => {
      const { specs } = await setup(databaseId);
      await specs.insertSpec(newSpec('smart-parking-standard', 'Standard'));
      const next: SpecGraph = { nodes: [], edges: [] };

      const first = await specs.updateSpec(
        'smart-parking-standard',
        { graph: next },
        { ifGraph: graph },
      );
      const second = await specs.updateSpec(
        'smart-parking-standard',
        { graph },
        { ifGraph: graph },
      );
      const missing = await specs.updateSpec(
        'nope',
        { graph },
        { ifGraph: graph },
      );

      expect(first).toMatchObject({ spec: { graph: next } });
      expect(second).toEqual({ clash: 'graph' });
      expect(missing).toBeUndefined();
      expect((await specs.findSpec('smart-parking-standard'))?.graph).toEqual(
        next,
      );
      expect(await specs.findImageUses(['parking-server'])).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'updates fields, keeping names unique within the app, and deletes on %p',
    async databaseId => {
      const { specs } = await setup(databaseId);
      await specs.insertSpec(newSpec('smart-parking-a', 'Alpha'));
      await specs.insertSpec(newSpec('smart-parking-b', 'Beta'));

      const updated = await specs.updateSpec('smart-parking-a', {
        name: 'Alpha 2',
        allowTrial: false,
        deployLocation: 'edge-site',
      });

      expect(updated).toMatchObject({
        spec: {
          id: 'smart-parking-a',
          name: 'Alpha 2',
          allowTrial: false,
          deployLocation: 'edge-site',
          type: 'general',
          graph,
        },
      });
      expect(
        await specs.updateSpec('smart-parking-a', { name: 'beta' }),
      ).toEqual({ clash: 'name' });
      expect(await specs.updateSpec('nope', { name: 'x' })).toBeUndefined();
      expect(await specs.deleteSpec('smart-parking-a')).toBe(true);
      expect(await specs.deleteSpec('smart-parking-a')).toBe(false);
    },
  );
  it.each(databases.eachSupportedId())(
    'records deployment tests without changing the spec on %p',
    async databaseId => {
      const { specs } = await setup(databaseId);
      await specs.insertSpec(newSpec('smart-parking-standard', 'Standard'));
      const before = await specs.findSpec('smart-parking-standard');

      const at = new Date().toISOString();
      expect(
        await specs.recordDeploymentTest(
          'smart-parking-standard',
          { instanceId: 'inst-1', status: 'running', at },
          '"etag-1"',
        ),
      ).toBe(true);
      await specs.recordDeploymentTest('smart-parking-standard', {
        instanceId: 'inst-2',
        status: 'failed',
        at,
      });

      expect(await specs.findSpec('smart-parking-standard')).toEqual({
        ...before,
        lastDeploymentTest: { instanceId: 'inst-2', status: 'failed', at },
        passedTestGraphEtag: '"etag-1"',
      });
      expect(
        await specs.recordDeploymentTest('missing', {
          instanceId: 'inst-3',
          status: 'installing',
          at,
        }),
      ).toBe(false);
    },
  );
});
