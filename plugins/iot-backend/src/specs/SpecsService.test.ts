import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { graphUsing } from '../__testUtils__/apps';
import { PreconditionFailedError } from '../http/errors';
import { createAppServices } from '../__testUtils__/services';
import { uploaderOf } from '../__testUtils__/testOrg';

jest.setTimeout(60_000);

const standard = {
  name: 'Standard',
  type: 'general' as const,
  deployLocation: 'public-cloud' as const,
  description: 'Public-cloud deployment for up to 5 000 parking bays.',
  allowTrial: true,
};

const alice = 'user:default/alice';

describe('SpecsService', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function setup(databaseId: TestDatabaseId) {
    const services = await createAppServices(await databases.init(databaseId));
    await services.apps.createApp(
      {
        name: 'Smart Parking',
        industry: 'smart-city',
        scenario: 'parking',
        description: '',
      },
      uploaderOf('alice'),
    );
    services.takeDeltas();
    return services;
  }

  it.each(databases.eachSupportedId())(
    'adds a spec with an empty graph, owned and reviewed with its app, on %p',
    async databaseId => {
      const { specs, audit, takeDeltas } = await setup(databaseId);

      const spec = await specs.createSpec('smart-parking', standard, alice);

      expect(spec).toEqual({
        id: 'smart-parking-standard',
        appId: 'smart-parking',
        ...standard,
        images: [],
        owner: 'group:default/isv-acme',
        entityRef: 'iotspec:default/smart-parking-standard',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        passedDeploymentTest: false,
        lastDeploymentTest: null,
      });
      expect(await specs.getSpecWithGraph(spec.id)).toEqual({
        spec,
        graph: { nodes: [], edges: [] },
      });
      expect(takeDeltas()).toEqual([
        {
          upserted: [
            {
              apiVersion: 'iot.portal/v1alpha1',
              kind: 'IotSpec',
              metadata: {
                name: 'smart-parking-standard',
                namespace: 'default',
                title: 'Standard',
                description: standard.description,
                annotations: {
                  'backstage.io/managed-by-location': 'iot:database',
                  'backstage.io/managed-by-origin-location': 'iot:database',
                  'iot.portal/review-status': 'draft',
                },
              },
              spec: {
                owner: 'group:default/isv-acme',
                app: 'iotapp:default/smart-parking',
                type: 'general',
                deployLocation: 'public-cloud',
                allowTrial: true,
                images: [],
              },
            },
          ],
          removed: [],
        },
      ]);
      expect((await audit.listByTarget(spec.entityRef)).items[0]).toMatchObject(
        {
          actorRef: alice,
          action: 'spec.created',
          details: { app: 'iotapp:default/smart-parking', name: 'Standard' },
        },
      );
      await expect(
        specs.createSpec('missing', standard, alice),
      ).rejects.toThrow(new NotFoundError('no app with id missing'));
    },
  );

  it.each(databases.eachSupportedId())(
    'derives spec ids from the app id and the name on %p',
    async databaseId => {
      const { apps, specs } = await setup(databaseId);
      const create = async (name: string, appId = 'smart-parking') =>
        (await specs.createSpec(appId, { ...standard, name }, alice)).id;

      // a name that starts with the app's gets no second prefix
      expect(await create('Smart Parking — standard')).toBe(
        'smart-parking-standard',
      );
      expect(await create('Standard')).toBe('smart-parking-standard-2');
      expect(await create('标准版')).toMatch(
        /^smart-parking-spec-[0-9a-f]{6}$/,
      );
      await apps.createApp(
        {
          name: 'A'.repeat(60),
          industry: 'smart-city',
          scenario: 'parking',
          description: '',
        },
        uploaderOf('alice'),
      );
      const id = await create('Premium', 'a'.repeat(60));
      expect(id.length).toBeLessThanOrEqual(63);
      expect(id).toMatch(/^a{60}-pr$/);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps spec names unique per app whatever their case on %p',
    async databaseId => {
      const { apps, specs } = await setup(databaseId);
      await specs.createSpec('smart-parking', standard, alice);
      await apps.createApp(
        {
          name: 'Other',
          industry: 'smart-city',
          scenario: 'parking',
          description: '',
        },
        uploaderOf('alice'),
      );

      await expect(
        specs.createSpec(
          'smart-parking',
          { ...standard, name: 'STANDARD' },
          alice,
        ),
      ).rejects.toThrow(
        new ConflictError(
          "app 'Smart Parking' already has a spec named 'Standard' (smart-parking-standard); spec names are unique per app, whatever their case — choose another name",
        ),
      );
      await expect(
        specs.createSpec('other', standard, alice),
      ).resolves.toMatchObject({ id: 'other-standard' });
    },
  );

  it.each(databases.eachSupportedId())(
    'edits only the fields sent, keeping the id, on %p',
    async databaseId => {
      const { specs, audit, takeDeltas } = await setup(databaseId);
      await specs.createSpec('smart-parking', standard, alice);
      await specs.createSpec(
        'smart-parking',
        { ...standard, name: 'Lite' },
        alice,
      );
      takeDeltas();

      const edited = await specs.updateSpec(
        'smart-parking-standard',
        { name: 'Standard edition', deployLocation: 'private-cloud' },
        alice,
      );

      expect(edited).toMatchObject({
        id: 'smart-parking-standard',
        name: 'Standard edition',
        deployLocation: 'private-cloud',
        allowTrial: true,
        description: standard.description,
      });
      expect(takeDeltas()).toEqual([
        {
          upserted: [
            expect.objectContaining({
              metadata: expect.objectContaining({ title: 'Standard edition' }),
            }),
          ],
          removed: [],
        },
      ]);
      expect(
        (await audit.listByTarget(edited.entityRef)).items[0],
      ).toMatchObject({
        action: 'spec.updated',
        details: {
          changed: {
            name: 'Standard edition',
            deployLocation: 'private-cloud',
          },
        },
      });
      await expect(
        specs.updateSpec('smart-parking-standard', { name: 'lite' }, alice),
      ).rejects.toThrow(ConflictError);
      await expect(
        specs.updateSpec('missing', { name: 'x' }, alice),
      ).rejects.toThrow(new NotFoundError('no spec with id missing'));
    },
  );

  it.each(databases.eachSupportedId())(
    'replaces a graph with its image uses, audited and published, on %p',
    async databaseId => {
      const { specs, audit, takeDeltas } = await setup(databaseId);
      await specs.createSpec('smart-parking', standard, alice);
      takeDeltas();
      const graph = graphUsing([{ name: 'parking-server', version: '1.4.2' }]);

      const saved = await specs.replaceGraph(
        'smart-parking-standard',
        graph,
        alice,
      );

      expect(saved.graph).toEqual(graph);
      expect(saved.spec.images).toEqual([
        { name: 'parking-server', version: '1.4.2' },
      ]);
      expect(takeDeltas()).toEqual([
        {
          upserted: [
            expect.objectContaining({
              spec: expect.objectContaining({
                images: [
                  {
                    image: 'iotimage:default/parking-server',
                    version: '1.4.2',
                  },
                ],
              }),
            }),
          ],
          removed: [],
        },
      ]);
      expect(
        (await audit.listByTarget(saved.spec.entityRef)).items[0],
      ).toMatchObject({
        action: 'spec.graph.updated',
        actorRef: alice,
        details: {
          nodes: 5,
          edges: 4,
          images: [{ name: 'parking-server', version: '1.4.2' }],
        },
      });
      expect([...(await specs.usageOf(['parking-server'])).keys()]).toEqual([
        'parking-server',
      ]);
      await expect(specs.replaceGraph('missing', graph, alice)).rejects.toThrow(
        NotFoundError,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'replaces a graph with ifGraph only while nobody else has, on %p',
    async databaseId => {
      const { specs } = await setup(databaseId);
      await specs.createSpec('smart-parking', standard, alice);
      const loaded = await specs.getSpecForGraphChange(
        'smart-parking-standard',
      );
      const mine = graphUsing([{ name: 'parking-server', version: '1.4.2' }]);
      await specs.replaceGraph('smart-parking-standard', mine, alice);

      await expect(
        specs.replaceGraph('smart-parking-standard', mine, alice, {
          ifGraph: loaded.graph,
        }),
      ).rejects.toThrow(PreconditionFailedError);
      const saved = await specs.replaceGraph(
        'smart-parking-standard',
        { nodes: [], edges: [] },
        alice,
        { ifGraph: mine },
      );
      expect(saved.graph).toEqual({ nodes: [], edges: [] });
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses graph changes while the app is in review or published on %p',
    async databaseId => {
      const { appsStore, specs, takeDeltas } = await setup(databaseId);
      await specs.createSpec('smart-parking', standard, alice);
      takeDeltas();

      for (const [status, reason] of [
        [
          'in-review',
          'which is in review; its specs cannot be changed until a reviewer approves or rejects it',
        ],
        [
          'approved',
          'which is approved (published); ask a reviewer to unlist the app before changing the dependency graphs of its specs',
        ],
      ] as const) {
        await appsStore.updateApp('smart-parking', { reviewStatus: status });
        const refusal = new ConflictError(
          `spec 'Standard' belongs to app 'Smart Parking', ${reason}`,
        );
        await expect(
          specs.getSpecForGraphChange('smart-parking-standard'),
        ).rejects.toThrow(refusal);
        await expect(
          specs.replaceGraph(
            'smart-parking-standard',
            { nodes: [], edges: [] },
            alice,
          ),
        ).rejects.toThrow(refusal);
      }
      await appsStore.updateApp('smart-parking', { reviewStatus: 'rejected' });

      expect(
        (await specs.getSpecForGraphChange('smart-parking-standard')).graph,
      ).toEqual({ nodes: [], edges: [] });
      expect(takeDeltas()).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'deletes a spec unless its app is in review or published on %p',
    async databaseId => {
      const { appsStore, specs, audit, takeDeltas } = await setup(databaseId);
      await specs.createSpec('smart-parking', standard, alice);
      takeDeltas();

      for (const [status, reason] of [
        [
          'in-review',
          'which is in review; its specs cannot be deleted until a reviewer approves or rejects it',
        ],
        [
          'approved',
          'which is approved (published); ask a reviewer to unlist the app before deleting its specs',
        ],
      ] as const) {
        await appsStore.updateApp('smart-parking', { reviewStatus: status });
        await expect(
          specs.deleteSpec('smart-parking-standard', alice),
        ).rejects.toThrow(
          new ConflictError(
            `spec 'Standard' belongs to app 'Smart Parking', ${reason}`,
          ),
        );
      }
      await appsStore.updateApp('smart-parking', { reviewStatus: 'unlisted' });

      await specs.deleteSpec('smart-parking-standard', alice);

      expect(takeDeltas()).toEqual([
        { upserted: [], removed: ['iotspec:default/smart-parking-standard'] },
      ]);
      expect(
        (await audit.listByTarget('iotspec:default/smart-parking-standard'))
          .items[0],
      ).toMatchObject({ action: 'spec.deleted', actorRef: alice });
      await expect(
        specs.deleteSpec('smart-parking-standard', alice),
      ).rejects.toThrow(NotFoundError);
    },
  );

  it.each(databases.eachSupportedId())(
    'copies a spec with its graph under a suggested or given name on %p',
    async databaseId => {
      const { specs, audit } = await setup(databaseId);
      const graph = graphUsing([{ name: 'parking-server', version: '1.4.2' }]);
      await specs.createSpec('smart-parking', standard, alice, { graph });

      const first = await specs.copySpec('smart-parking-standard', {}, alice);
      const second = await specs.copySpec('smart-parking-standard', {}, alice);
      const named = await specs.copySpec(
        'smart-parking-standard',
        { name: 'Premium' },
        alice,
      );

      expect([first.name, second.name, named.name]).toEqual([
        'Standard (copy)',
        'Standard (copy 2)',
        'Premium',
      ]);
      expect([first.id, second.id, named.id]).toEqual([
        'smart-parking-standard-copy',
        'smart-parking-standard-copy-2',
        'smart-parking-premium',
      ]);
      expect((await specs.getSpecWithGraph(first.id)).graph).toEqual(graph);
      expect(first).toMatchObject({
        type: standard.type,
        deployLocation: standard.deployLocation,
        description: standard.description,
        allowTrial: true,
        images: [{ name: 'parking-server', version: '1.4.2' }],
      });
      expect(
        (await audit.listByTarget(first.entityRef)).items[0],
      ).toMatchObject({
        action: 'spec.copied',
        details: { from: 'iotspec:default/smart-parking-standard' },
      });
      await expect(
        specs.copySpec('smart-parking-standard', { name: 'premium' }, alice),
      ).rejects.toThrow(ConflictError);
    },
  );

  it.each(databases.eachSupportedId())(
    'suggests free names within the longest name on %p',
    async databaseId => {
      const { specs } = await setup(databaseId);
      const long = 'S'.repeat(64);
      await specs.createSpec(
        'smart-parking',
        { ...standard, name: long },
        alice,
      );

      expect(await specs.freeName('smart-parking', 'Lite', 'copy')).toBe(
        'Lite',
      );
      const copy = await specs.freeName('smart-parking', long, 'imported');
      expect(copy).toBe(`${'S'.repeat(53)} (imported)`);
      expect(copy).toHaveLength(64);
    },
  );

  it.each(databases.eachSupportedId())(
    'tells which specs use which image versions, and publishes every spec, on %p',
    async databaseId => {
      const { apps, specs } = await setup(databaseId);
      await specs.createSpec('smart-parking', standard, alice, {
        graph: graphUsing([
          { name: 'parking-server', version: '1.4.2' },
          { name: 'parking-db', version: '15' },
        ]),
      });
      await apps.createApp(
        {
          name: 'Energy Monitor',
          industry: 'manufacturing',
          scenario: 'energy-management',
          description: '',
        },
        uploaderOf('bob'),
      );
      await specs.createSpec(
        'energy-monitor',
        { ...standard, name: 'Edge' },
        'user:default/bob',
        {
          graph: graphUsing([{ name: 'parking-server', version: '1.4.2' }]),
        },
      );

      const usage = await specs.usageOf(['parking-server', 'energy-collector']);

      expect([...usage.keys()]).toEqual(['parking-server']);
      expect(usage.get('parking-server')?.get('1.4.2')).toEqual([
        {
          app: 'iotapp:default/energy-monitor',
          appTitle: 'Energy Monitor',
          spec: 'iotspec:default/energy-monitor-edge',
        },
        {
          app: 'iotapp:default/smart-parking',
          appTitle: 'Smart Parking',
          spec: 'iotspec:default/smart-parking-standard',
        },
      ]);
      const entities = await specs.catalogEntities();
      expect(
        entities.map(e => [e.metadata.name, e.spec?.owner, e.spec?.images]),
      ).toEqual([
        [
          'energy-monitor-edge',
          'group:default/isv-globex',
          [{ image: 'iotimage:default/parking-server', version: '1.4.2' }],
        ],
        [
          'smart-parking-standard',
          'group:default/isv-acme',
          [
            { image: 'iotimage:default/parking-db', version: '15' },
            { image: 'iotimage:default/parking-server', version: '1.4.2' },
          ],
        ],
      ]);
      expect(await specs.findSpecEntity('smart-parking-standard')).toEqual(
        entities[1],
      );
      expect(await specs.findSpecEntity('missing')).toBeUndefined();
    },
  );
});
