import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { createAppServices } from '../__testUtils__/services';
import { uploaderOf } from '../__testUtils__/testOrg';

jest.setTimeout(60_000);

const parking = {
  name: 'Smart Parking',
  industry: 'smart-city',
  scenario: 'parking',
  description: 'Guides drivers to free bays.',
};

describe('AppsService', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function setup(databaseId: TestDatabaseId) {
    return createAppServices(await databases.init(databaseId));
  }

  it.each(databases.eachSupportedId())(
    "creates a draft of the user's ISV group, audited and published, on %p",
    async databaseId => {
      const { apps, audit, takeDeltas } = await setup(databaseId);

      const app = await apps.createApp(parking, uploaderOf('alice'));

      expect(app).toEqual({
        id: 'smart-parking',
        ...parking,
        reviewStatus: 'draft',
        owner: 'group:default/isv-acme',
        entityRef: 'iotapp:default/smart-parking',
        specCount: 0,
        listedSpecIds: [],
        createdBy: 'user:default/alice',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(await apps.getApp('smart-parking')).toEqual(app);
      expect(takeDeltas()).toEqual([
        {
          upserted: [
            {
              apiVersion: 'iot.portal/v1alpha1',
              kind: 'IotApp',
              metadata: {
                name: 'smart-parking',
                namespace: 'default',
                title: 'Smart Parking',
                description: 'Guides drivers to free bays.',
                annotations: {
                  'backstage.io/managed-by-location': 'iot:database',
                  'backstage.io/managed-by-origin-location': 'iot:database',
                  'iot.portal/review-status': 'draft',
                },
                tags: ['smart-city', 'parking'],
              },
              spec: {
                owner: 'group:default/isv-acme',
                industry: 'smart-city',
                scenario: 'parking',
              },
            },
          ],
          removed: [],
        },
      ]);
      expect(
        (await audit.listByTarget('iotapp:default/smart-parking')).items,
      ).toEqual([
        expect.objectContaining({
          actorRef: 'user:default/alice',
          action: 'app.created',
          details: {
            name: 'Smart Parking',
            industry: 'smart-city',
            scenario: 'parking',
            owner: 'group:default/isv-acme',
          },
        }),
      ]);
      expect(await apps.catalogEntities()).toEqual([
        expect.objectContaining({
          metadata: expect.objectContaining({ name: 'smart-parking' }),
        }),
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'derives ids from names: slugs, -2 on clashes, a random id without ASCII, at most 63 characters on %p',
    async databaseId => {
      const { apps } = await setup(databaseId);
      const create = async (name: string, persona = 'alice') =>
        (await apps.createApp({ ...parking, name }, uploaderOf(persona))).id;

      expect(await create('Smart Parking')).toBe('smart-parking');
      expect(await create('Smart Parking', 'bob')).toBe('smart-parking-2');
      expect(await create('smart   parking!')).toBe('smart-parking-3');
      expect(await create('Café Übersicht — 2026')).toBe('cafe-ubersicht-2026');
      expect(await create('智慧停车')).toMatch(/^app-[0-9a-f]{6}$/);
      const long = 'Parking '.repeat(8).trim();
      const id = await create(long);
      expect(id).toHaveLength(63);
      expect(id).toMatch(/^parking-.*[a-z0-9]$/);
      expect(await create(`${long}!`)).toMatch(/-2$/);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps app names unique per group whatever their case, naming the clash, on %p',
    async databaseId => {
      const { apps } = await setup(databaseId);
      await apps.createApp(parking, uploaderOf('alice'));

      await expect(
        apps.createApp(
          { ...parking, name: 'SMART PARKING' },
          uploaderOf('alice'),
        ),
      ).rejects.toThrow(
        new ConflictError(
          "group:default/isv-acme already has an app named 'Smart Parking' (smart-parking); app names are unique per group, whatever their case — choose another name",
        ),
      );
      await expect(
        apps.createApp(parking, uploaderOf('bob')),
      ).resolves.toMatchObject({ owner: 'group:default/isv-globex' });
    },
  );

  it.each(databases.eachSupportedId())(
    'takes industry and scenario from the taxonomy only on %p',
    async databaseId => {
      const { apps } = await setup(databaseId);

      await expect(
        apps.createApp({ ...parking, industry: 'mining' }, uploaderOf('alice')),
      ).rejects.toThrow(
        /^industry 'mining' is not one of smart-city, manufacturing, energy, agriculture, buildings, logistics, health/,
      );
      await expect(
        apps.createApp(
          { ...parking, scenario: 'energy-management' },
          uploaderOf('alice'),
        ),
      ).rejects.toThrow(
        new InputError(
          "scenario 'energy-management' is not a scenario of industry 'smart-city'; choose one of parking, street-lighting, waste-management, environment-monitoring",
        ),
      );
      expect(apps.taxonomy().industries.map(i => i.id)).toEqual([
        'smart-city',
        'manufacturing',
        'energy',
        'agriculture',
        'buildings',
        'logistics',
        'health',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'needs an ISV group, and the owner field among several, on %p',
    async databaseId => {
      const { apps } = await setup(databaseId);

      await expect(apps.createApp(parking, uploaderOf('rita'))).rejects.toThrow(
        NotAllowedError,
      );
      await expect(
        apps.createApp(parking, uploaderOf('carol')),
      ).rejects.toThrow(/send the owning group in the 'owner' field/);
      await expect(
        apps.createApp(
          { ...parking, owner: 'isv-globex' },
          uploaderOf('carol'),
        ),
      ).rejects.toThrow(
        /user:default\/carol cannot create apps for group:default\/isv-globex/,
      );
      await expect(
        apps.createApp(
          { ...parking, owner: 'isv-initial' },
          uploaderOf('carol'),
        ),
      ).resolves.toMatchObject({ owner: 'group:default/isv-initial' });
    },
  );

  it.each(databases.eachSupportedId())(
    'edits an app, keeping its id, checking name and classification, on %p',
    async databaseId => {
      const { apps, audit, takeDeltas } = await setup(databaseId);
      await apps.createApp(parking, uploaderOf('alice'));
      await apps.createApp({ ...parking, name: 'Other' }, uploaderOf('alice'));
      takeDeltas();

      const edited = await apps.updateApp(
        'smart-parking',
        { name: 'Parking Guide', scenario: 'street-lighting' },
        'user:default/alice',
      );

      expect(edited).toMatchObject({
        id: 'smart-parking',
        name: 'Parking Guide',
        scenario: 'street-lighting',
        description: parking.description,
      });
      expect(takeDeltas()).toEqual([
        {
          upserted: [
            expect.objectContaining({
              metadata: expect.objectContaining({
                name: 'smart-parking',
                title: 'Parking Guide',
                tags: ['smart-city', 'street-lighting'],
              }),
            }),
          ],
          removed: [],
        },
      ]);
      expect(
        (await audit.listByTarget('iotapp:default/smart-parking')).items[0],
      ).toMatchObject({
        action: 'app.updated',
        details: {
          changed: { name: 'Parking Guide', scenario: 'street-lighting' },
        },
      });

      await expect(
        apps.updateApp(
          'smart-parking',
          { name: 'other' },
          'user:default/alice',
        ),
      ).rejects.toThrow(ConflictError);
      await expect(
        apps.updateApp(
          'smart-parking',
          { industry: 'energy' },
          'user:default/alice',
        ),
      ).rejects.toThrow(
        /scenario 'street-lighting' is not a scenario of industry 'energy'/,
      );
      await expect(
        apps.updateApp('missing', { name: 'x' }, 'user:default/alice'),
      ).rejects.toThrow(NotFoundError);
      // a change of case only is a rename of the same app
      await expect(
        apps.updateApp(
          'smart-parking',
          { name: 'PARKING GUIDE' },
          'user:default/alice',
        ),
      ).resolves.toMatchObject({ name: 'PARKING GUIDE' });
      takeDeltas();
      // nothing changes: nothing published
      await apps.updateApp(
        'smart-parking',
        { description: parking.description },
        'user:default/alice',
      );
      expect(takeDeltas()).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'deletes drafts and rejected apps with their specs, and refuses the others, on %p',
    async databaseId => {
      const { apps, appsStore, specs, audit, takeDeltas } = await setup(
        databaseId,
      );
      await apps.createApp(parking, uploaderOf('alice'));
      await specs.createSpec(
        'smart-parking',
        {
          name: 'Standard',
          type: 'general',
          deployLocation: 'public-cloud',
          description: 'd',
          allowTrial: false,
        },
        'user:default/alice',
      );
      const refusals: Record<string, string> = {
        'in-review':
          "app 'Smart Parking' is in review; it cannot be deleted until a reviewer approves or rejects it",
        approved:
          "app 'Smart Parking' is approved (published); it cannot be deleted — ask a reviewer to unlist it",
        unlisted:
          "app 'Smart Parking' has been published and is now unlisted; published apps keep their record and cannot be deleted",
      };
      for (const [status, message] of Object.entries(refusals)) {
        await appsStore.updateApp('smart-parking', {
          reviewStatus: status as 'approved',
        });
        await expect(
          apps.deleteApp('smart-parking', 'user:default/alice'),
        ).rejects.toThrow(new ConflictError(message));
      }
      await appsStore.updateApp('smart-parking', { reviewStatus: 'rejected' });
      takeDeltas();

      await apps.deleteApp('smart-parking', 'user:default/alice');

      expect(takeDeltas()).toEqual([
        {
          upserted: [],
          removed: [
            'iotapp:default/smart-parking',
            'iotspec:default/smart-parking-standard',
          ],
        },
      ]);
      await expect(apps.getApp('smart-parking')).rejects.toThrow(
        new NotFoundError('no app with id smart-parking'),
      );
      await expect(specs.getSpec('smart-parking-standard')).rejects.toThrow(
        NotFoundError,
      );
      expect(
        (await audit.listByTarget('iotapp:default/smart-parking')).items[0],
      ).toMatchObject({
        action: 'app.deleted',
        details: {
          name: 'Smart Parking',
          reviewStatus: 'rejected',
          specs: ['iotspec:default/smart-parking-standard'],
        },
      });
      await expect(
        apps.deleteApp('smart-parking', 'user:default/alice'),
      ).rejects.toThrow(NotFoundError);
    },
  );

  it.each(databases.eachSupportedId())(
    'lists by name and review status with spec counts on %p',
    async databaseId => {
      const { apps, appsStore, specs } = await setup(databaseId);
      await apps.createApp(parking, uploaderOf('alice'));
      await apps.createApp(
        {
          ...parking,
          name: 'Energy Monitor',
          industry: 'manufacturing',
          scenario: 'energy-management',
        },
        uploaderOf('bob'),
      );
      await specs.createSpec(
        'energy-monitor',
        {
          name: 'Edge',
          type: 'custom',
          deployLocation: 'edge-site',
          description: 'd',
          allowTrial: false,
        },
        'user:default/bob',
      );
      await appsStore.updateApp('smart-parking', { reviewStatus: 'approved' });

      const all = await apps.listApps({});
      const approved = await apps.listApps({ reviewStatus: 'approved' });
      const named = await apps.listApps({ name: 'MONITOR' });
      const acme = await apps.listApps({
        ownerFilter: { key: 'owner', values: ['group:default/isv-acme'] },
      });

      expect(all.items.map(a => [a.id, a.specCount])).toEqual([
        ['energy-monitor', 1],
        ['smart-parking', 0],
      ]);
      expect(all.nextCursor).toBeNull();
      expect(approved.items.map(a => a.id)).toEqual(['smart-parking']);
      expect(named.items.map(a => a.id)).toEqual(['energy-monitor']);
      expect(acme.items.map(a => a.id)).toEqual(['smart-parking']);
      expect(
        await apps.findApps(['smart-parking', 'smart-parking', 'x']),
      ).toEqual([
        expect.objectContaining({
          id: 'smart-parking',
          reviewStatus: 'approved',
        }),
      ]);
    },
  );
});
