import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { SpecsStore } from '../specs/SpecsStore';
import { AppsStore, NewApp } from './AppsStore';

jest.setTimeout(60_000);

const acme = 'group:default/isv-acme';
const globex = 'group:default/isv-globex';

function newApp(id: string, name: string, ownerRef = acme): NewApp {
  return {
    id,
    name,
    industry: 'smart-city',
    scenario: 'parking',
    description: `${name}, described`,
    ownerRef,
    createdBy: 'user:default/alice',
  };
}

describe('AppsStore', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function setup(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    const database = mockServices.database({ knex });
    return {
      apps: await AppsStore.create({ database }),
      specs: await SpecsStore.create({ database }),
    };
  }

  it.each(databases.eachSupportedId())(
    'inserts drafts and reports clashes of id and of name per owner on %p',
    async databaseId => {
      const { apps } = await setup(databaseId);

      const written = await apps.insertApp(
        newApp('smart-parking', 'Smart Parking'),
      );

      expect(written).toEqual({
        app: {
          ...newApp('smart-parking', 'Smart Parking'),
          reviewStatus: 'draft',
          specCount: 0,
          listedSpecIds: null,
          createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
          updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
        },
      });
      expect(await apps.findApp('smart-parking')).toEqual(
        'app' in written ? written.app : undefined,
      );
      expect(
        await apps.insertApp(newApp('smart-parking', 'Other', globex)),
      ).toEqual({ clash: 'id' });
      expect(
        await apps.insertApp(newApp('smart-parking-2', 'SMART parking')),
      ).toEqual({ clash: 'name' });
      // the same name in another group is another app
      expect(
        await apps.insertApp(
          newApp('smart-parking-2', 'Smart Parking', globex),
        ),
      ).toMatchObject({ app: { id: 'smart-parking-2', ownerRef: globex } });
      expect(await apps.idsLike('smart-parking')).toEqual(
        expect.arrayContaining(['smart-parking', 'smart-parking-2']),
      );
      expect(await apps.idsLike('smart-parking-2')).toEqual([
        'smart-parking-2',
      ]);
      expect(await apps.idsLike('parking')).toEqual([]);
      expect((await apps.findAppByName(acme, 'sMaRt PARKING'))?.id).toBe(
        'smart-parking',
      );
      expect(await apps.findAppByName(acme, 'Smart')).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'lists by name with filters, owner criteria and cursor pages on %p',
    async databaseId => {
      const { apps } = await setup(databaseId);
      await apps.insertApp(newApp('b', 'beta'));
      await apps.insertApp(newApp('a', 'Alpha'));
      await apps.insertApp(newApp('c', 'Gamma 100%', globex));
      await apps.insertApp(newApp('d', 'delta_x'));
      await apps.updateApp('b', { reviewStatus: 'approved' });

      const ids = async (options: Parameters<AppsStore['listApps']>[0]) =>
        (await apps.listApps(options)).items.map(app => app.id);

      expect(await ids({})).toEqual(['a', 'b', 'd', 'c']);
      expect(await ids({ nameContains: 'ALP' })).toEqual(['a']);
      // LIKE wildcards are taken literally
      expect(await ids({ nameContains: '%' })).toEqual(['c']);
      expect(await ids({ nameContains: '_' })).toEqual(['d']);
      expect(await ids({ reviewStatus: 'approved' })).toEqual(['b']);
      expect(
        await ids({ ownerFilter: { key: 'owner', values: [globex] } }),
      ).toEqual(['c']);
      expect(
        await ids({
          ownerFilter: { not: { key: 'owner', values: [globex] } },
        }),
      ).toEqual(['a', 'b', 'd']);
      expect(await ids({ ownerFilter: { key: 'owner', values: [] } })).toEqual(
        [],
      );

      const first = await apps.listApps({ limit: 3 });
      const second = await apps.listApps({
        limit: 3,
        cursor: first.nextCursor!,
      });
      expect(first.items.map(app => app.id)).toEqual(['a', 'b', 'd']);
      expect(second.items.map(app => app.id)).toEqual(['c']);
      expect(second.nextCursor).toBeNull();
      await expect(apps.listApps({ cursor: 'nonsense' })).rejects.toThrow(
        InputError,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'updates fields, keeps names unique per owner and counts specs on %p',
    async databaseId => {
      const { apps, specs } = await setup(databaseId);
      await apps.insertApp(newApp('a', 'Alpha'));
      await apps.insertApp(newApp('b', 'Beta'));
      await specs.insertSpec({
        id: 'a-standard',
        appId: 'a',
        name: 'Standard',
        type: 'general',
        deployLocation: 'public-cloud',
        description: 'd',
        allowTrial: false,
        graph: { nodes: [], edges: [] },
      });

      const updated = await apps.updateApp('a', {
        name: 'Alpha One',
        description: '',
        scenario: 'street-lighting',
      });

      expect(updated).toMatchObject({
        app: {
          id: 'a',
          name: 'Alpha One',
          description: '',
          scenario: 'street-lighting',
          industry: 'smart-city',
          specCount: 1,
        },
      });
      expect(await apps.updateApp('a', { name: 'BETA' })).toEqual({
        clash: 'name',
      });
      expect(await apps.updateApp('missing', { name: 'x' })).toBeUndefined();
      expect(
        (await apps.findApps(['b', 'a', 'missing'])).map(a => a.id),
      ).toEqual(['a', 'b']);
      expect((await apps.findApp('b'))?.specCount).toBe(0);
    },
  );

  it.each(databases.eachSupportedId())(
    'deletes an app with its specs on %p',
    async databaseId => {
      const { apps, specs } = await setup(databaseId);
      expect(await apps.isEmpty()).toBe(true);
      await apps.insertApp(newApp('a', 'Alpha'));
      for (const id of ['a-one', 'a-two']) {
        await specs.insertSpec({
          id,
          appId: 'a',
          name: id,
          type: 'general',
          deployLocation: 'public-cloud',
          description: 'd',
          allowTrial: false,
          graph: {
            nodes: [
              {
                id: 'n',
                type: 'vm',
                properties: { image: { name: 'img', version: '1' } },
              },
            ],
            edges: [],
          },
        });
      }
      expect(await apps.isEmpty()).toBe(false);

      expect(await apps.deleteApp('a')).toEqual({
        specIds: ['a-one', 'a-two'],
      });
      expect(await apps.deleteApp('a')).toBeUndefined();
      expect(await apps.findApp('a')).toBeUndefined();
      expect(await specs.findSpec('a-one')).toBeUndefined();
      expect(await specs.findImageUses(['img'])).toEqual([]);
      expect(await apps.isEmpty()).toBe(true);
    },
  );
});
