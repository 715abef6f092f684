import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { as, startIotBackend } from '../__testUtils__/testBackend';
import { AppsStore } from './AppsStore';

jest.setTimeout(60_000);

type Backend = Awaited<ReturnType<typeof startIotBackend>>;

const parking = {
  name: 'Smart Parking',
  industry: 'smart-city',
  scenario: 'parking',
  description: 'Guides drivers to free parking bays.',
};

describe('app routes', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let directory: string;
  let knex: Knex;
  let backend: Backend;

  beforeEach(async () => {
    directory = await fs.mkdtemp(path.join(os.tmpdir(), 'iot-apps-'));
    knex = await databases.init('SQLITE_3');
    backend = await startIotBackend({ directory, knex });
  });

  afterEach(async () => {
    await backend.stop();
    await fs.rm(directory, { recursive: true, force: true });
  });

  const api = () => request(backend.server);
  const post = (persona: string | undefined, body: unknown) => {
    const req = api().post('/api/iot/apps');
    return (persona ? req.set('Authorization', as(persona)) : req).send(
      body as object,
    );
  };
  const get = (persona: string, url: string) =>
    api().get(`/api/iot${url}`).set('Authorization', as(persona));
  const patch = (persona: string, url: string, body: unknown) =>
    api()
      .patch(`/api/iot${url}`)
      .set('Authorization', as(persona))
      .send(body as object);
  const del = (persona: string, url: string) =>
    api().delete(`/api/iot${url}`).set('Authorization', as(persona));
  const names = async (persona: string, query = '') =>
    (await get(persona, `/apps${query}`)).body.items?.map(
      (app: { name: string }) => app.name,
    );
  async function setReviewStatus(appId: string, reviewStatus: 'approved') {
    const store = await AppsStore.create({
      database: mockServices.database({ knex }),
    });
    await store.updateApp(appId, { reviewStatus });
  }

  describe('GET /app-taxonomy', () => {
    it('lists industries with scenarios and labels to signed-in users', async () => {
      const response = await get('sam', '/app-taxonomy');
      const anonymous = await api().get('/api/iot/app-taxonomy');

      expect(response.status).toBe(200);
      expect(response.body.industries).toHaveLength(7);
      expect(response.body.industries[0]).toEqual({
        id: 'smart-city',
        label: 'Smart city',
        labelZh: '智慧城市',
        scenarios: expect.arrayContaining([
          { id: 'parking', label: 'Smart parking', labelZh: '智慧停车' },
        ]),
      });
      expect(anonymous.status).toBe(401);
    });
  });

  describe('POST /apps', () => {
    it("creates a draft of the caller's ISV group (201), published to the catalog", async () => {
      const response = await post('alice', parking);

      expect(response.status).toBe(201);
      expect(response.body).toEqual({
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
      expect(backend.events.at(-1)?.eventPayload).toMatchObject({
        upserted: [{ kind: 'IotApp', metadata: { name: 'smart-parking' } }],
        removed: [],
      });
      // authorized from the database: the catalog has not seen it
      expect((await get('alice', '/apps/smart-parking')).status).toBe(200);
    });

    it('answers 401 without a token and 403 to non-ISVs and services', async () => {
      const anonymous = await post(undefined, parking);
      const reviewer = await post('rita', parking);
      const si = await post('sam', parking);
      const service = await api()
        .post('/api/iot/apps')
        .set('Authorization', mockCredentials.service.header())
        .send(parking);

      expect(anonymous.status).toBe(401);
      for (const response of [reviewer, si]) {
        expect(response.status).toBe(403);
        expect(response.body.error).toMatchObject({
          name: 'NotAllowedError',
          message: 'missing permission iot.app.create',
        });
      }
      expect(service.status).toBe(403);
      expect(await names('rita')).toEqual([]);
    });

    it('accepts the longest name and description, and no description', async () => {
      const longest = await post('alice', {
        ...parking,
        name: 'N'.repeat(64),
        description: 'd'.repeat(1024),
      });
      const bare = await post('alice', {
        name: '  Bare  ',
        industry: 'health',
        scenario: 'elderly-care',
      });

      expect(longest.status).toBe(201);
      expect(bare.status).toBe(201);
      expect(bare.body).toMatchObject({ name: 'Bare', description: '' });
    });

    it.each([
      [
        'a name of 65 characters',
        { name: 'N'.repeat(65) },
        /^invalid body: name: must be at most 64 characters$/,
      ],
      [
        'a description of 1025 characters',
        { description: 'd'.repeat(1025) },
        /^invalid body: description: must be at most 1024 characters$/,
      ],
      ['an empty name', { name: '   ' }, /^invalid body: name: is required$/],
      ['no name', { name: undefined }, /^invalid body: name: /],
      ['no industry', { industry: undefined }, /^invalid body: industry: /],
      ['no scenario', { scenario: undefined }, /^invalid body: scenario: /],
      [
        'a control character in the name',
        { name: 'Smart\u0007Parking' },
        /name: must not contain control characters/,
      ],
      [
        'an industry that is not an id',
        { industry: 'Smart City' },
        /industry: must be an id from GET \/app-taxonomy/,
      ],
      [
        'a number as description',
        { description: 42 },
        /^invalid body: description: /,
      ],
      ['an extra field', { logo: 'x.png' }, /^invalid body: .*logo/],
      [
        'an unknown industry',
        { industry: 'mining' },
        /^industry 'mining' is not one of smart-city, /,
      ],
      [
        'a scenario of another industry',
        { scenario: 'greenhouse' },
        /^scenario 'greenhouse' is not a scenario of industry 'smart-city'; choose one of parking, /,
      ],
    ])('answers 400 for %s', async (_what, change, message) => {
      const response = await post('alice', { ...parking, ...change });

      expect(response.status).toBe(400);
      expect(response.body.error.name).toBe('InputError');
      expect(response.body.error.message).toMatch(message);
      expect(await names('alice')).toEqual([]);
    });

    it('answers 400 for a body that is not JSON', async () => {
      const response = await api()
        .post('/api/iot/apps')
        .set('Authorization', as('alice'))
        .set('Content-Type', 'application/json')
        .send('{"name":');

      expect(response.status).toBe(400);
    });

    it('answers 409 naming the clash for a name the group uses in any case', async () => {
      await post('alice', parking);

      const again = await post('alice', { ...parking, name: 'smart PARKING' });
      const otherGroup = await post('bob', parking);

      expect(again.status).toBe(409);
      expect(again.body.error.message).toBe(
        "group:default/isv-acme already has an app named 'Smart Parking' (smart-parking); app names are unique per group, whatever their case — choose another name",
      );
      expect(otherGroup.status).toBe(201);
      expect(otherGroup.body.id).toBe('smart-parking-2');
    });

    it('asks a member of several ISV groups for the owner field', async () => {
      const without = await post('carol', parking);
      const wrong = await post('carol', { ...parking, owner: 'isv-globex' });
      const withOwner = await post('carol', {
        ...parking,
        owner: 'group:default/isv-initial',
      });

      expect(without.status).toBe(400);
      expect(without.body.error.message).toMatch(
        /several ISV groups .*send the owning group in the 'owner' field/,
      );
      expect(wrong.status).toBe(403);
      expect(withOwner.status).toBe(201);
      expect(withOwner.body.owner).toBe('group:default/isv-initial');
    });
  });

  describe('GET /apps', () => {
    beforeEach(async () => {
      await post('alice', parking);
      await post('alice', {
        ...parking,
        name: 'Parking Lot Lights',
        scenario: 'street-lighting',
      });
      await post('bob', {
        name: 'Energy Monitor',
        industry: 'manufacturing',
        scenario: 'energy-management',
      });
    });

    it('shows each ISV its own apps, reviewers all, SIs none', async () => {
      expect(await names('alice')).toEqual([
        'Parking Lot Lights',
        'Smart Parking',
      ]);
      expect(await names('bob')).toEqual(['Energy Monitor']);
      expect(await names('rita')).toEqual([
        'Energy Monitor',
        'Parking Lot Lights',
        'Smart Parking',
      ]);
      const sam = await get('sam', '/apps');
      expect(sam.status).toBe(403);
      expect(sam.body.error.message).toBe('missing permission iot.app.read');
    });

    it('searches by name and review status, and pages with a cursor', async () => {
      await setReviewStatus('smart-parking', 'approved');

      expect(await names('rita', '?name=PARK')).toEqual([
        'Parking Lot Lights',
        'Smart Parking',
      ]);
      expect(await names('rita', '?reviewStatus=approved')).toEqual([
        'Smart Parking',
      ]);
      expect(await names('alice', '?reviewStatus=draft')).toEqual([
        'Parking Lot Lights',
      ]);
      const first = await get('rita', '/apps?limit=2');
      const second = await get(
        'rita',
        `/apps?limit=2&cursor=${first.body.nextCursor}`,
      );
      expect(first.body.items).toHaveLength(2);
      expect(second.body).toEqual({
        items: [expect.objectContaining({ name: 'Smart Parking' })],
        nextCursor: null,
      });
    });

    it.each([
      '?limit=501',
      '?limit=0',
      '?reviewStatus=published',
      '?sort=name',
      `?name=${'n'.repeat(65)}`,
      '?cursor=bm9wZQ',
    ])('answers 400 for the query %s', async query => {
      const response = await get('alice', `/apps${query}`);

      expect(response.status).toBe(400);
      expect(response.body.error.name).toBe('InputError');
    });
  });

  describe('GET, PATCH, DELETE /apps/{appId}', () => {
    beforeEach(async () => {
      await post('alice', parking);
    });

    it('shows an app to its group and reviewers; to others it does not exist', async () => {
      const own = await get('alice', '/apps/smart-parking');
      const reviewer = await get('rita', '/apps/smart-parking');
      const otherIsv = await get('bob', '/apps/smart-parking');
      const si = await get('sam', '/apps/smart-parking');
      const missing = await get('bob', '/apps/no-such-app');
      const badId = await get('alice', '/apps/Not_An_Id');

      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({ id: 'smart-parking', ...parking });
      expect(reviewer.status).toBe(200);
      expect(otherIsv.status).toBe(404);
      expect(otherIsv.body.error.message).toBe('no app with id smart-parking');
      expect(si.status).toBe(404);
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toBe('no app with id no-such-app');
      expect(badId.status).toBe(400);
    });

    it('lets the group edit (200), reviewers not (403), others not see it (404)', async () => {
      const edited = await patch('alice', '/apps/smart-parking', {
        name: 'Parking Guide',
        description: '',
      });
      const byReviewer = await patch('rita', '/apps/smart-parking', {
        name: 'Mine',
      });
      const byOther = await patch('bob', '/apps/smart-parking', {
        name: 'Mine',
      });

      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({
        id: 'smart-parking',
        name: 'Parking Guide',
        description: '',
        industry: 'smart-city',
        scenario: 'parking',
      });
      expect(byReviewer.status).toBe(403);
      expect(byReviewer.body.error.message).toBe(
        'missing permission iot.app.update on iotapp:default/smart-parking',
      );
      expect(byOther.status).toBe(404);
      expect(backend.events.at(-1)?.eventPayload).toMatchObject({
        upserted: [
          { metadata: { name: 'smart-parking', title: 'Parking Guide' } },
        ],
      });
    });

    it.each([
      ['a name of 65 characters', { name: 'N'.repeat(65) }, 400],
      ['an empty name', { name: '' }, 400],
      [
        'a description of 1025 characters',
        { description: 'd'.repeat(1025) },
        400,
      ],
      [
        'the owner, which never changes',
        { owner: 'group:default/isv-globex' },
        400,
      ],
      [
        'the review status, which reviews change',
        { reviewStatus: 'approved' },
        400,
      ],
      ['an unknown scenario', { scenario: 'mining' }, 400],
      ['another app name of the group', { name: 'Other' }, 409],
    ])('answers an edit of %s with %p', async (_what, body, status) => {
      await post('alice', { ...parking, name: 'Other' });

      const response = await patch('alice', '/apps/smart-parking', body);

      expect(response.status).toBe(status);
      expect((await get('alice', '/apps/smart-parking')).body.name).toBe(
        'Smart Parking',
      );
    });

    it('deletes a draft with its specs (204), refuses a published app (409)', async () => {
      await api()
        .post('/api/iot/apps/smart-parking/specs')
        .set('Authorization', as('alice'))
        .send({
          type: 'general',
          deployLocation: 'public-cloud',
          name: 'Standard',
          description: 'Up to 5 000 bays.',
        });
      await post('alice', { ...parking, name: 'Published' });
      await setReviewStatus('published', 'approved');

      const byOther = await del('bob', '/apps/smart-parking');
      const byReviewer = await del('rita', '/apps/smart-parking');
      const published = await del('alice', '/apps/published');
      const deleted = await del('alice', '/apps/smart-parking');

      expect(byOther.status).toBe(404);
      expect(byReviewer.status).toBe(403);
      expect(byReviewer.body.error.message).toBe(
        'missing permission iot.app.delete on iotapp:default/smart-parking',
      );
      expect(published.status).toBe(409);
      expect(published.body.error.message).toBe(
        "app 'Published' is approved (published); it cannot be deleted — ask a reviewer to unlist it",
      );
      expect(deleted.status).toBe(204);
      expect(backend.events.at(-1)?.eventPayload).toEqual({
        upserted: [],
        removed: [
          'iotapp:default/smart-parking',
          'iotspec:default/smart-parking-standard',
        ],
      });
      expect((await get('alice', '/apps/smart-parking')).status).toBe(404);
      expect((await get('alice', '/specs/smart-parking-standard')).status).toBe(
        404,
      );
      expect(await names('alice')).toEqual(['Published']);
    });
  });

  describe('GET /catalog/entities', () => {
    it('serves apps next to images and specs', async () => {
      await post('alice', parking);

      const response = await api()
        .get('/api/iot/catalog/entities')
        .set('Authorization', mockCredentials.service.header());

      expect(response.status).toBe(200);
      expect(response.body.entities).toEqual([
        expect.objectContaining({
          kind: 'IotApp',
          metadata: expect.objectContaining({
            name: 'smart-parking',
            annotations: expect.objectContaining({
              'iot.portal/review-status': 'draft',
            }),
          }),
        }),
      ]);
    });
  });
});

describe('demo seed', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'seeds the demo apps and specs through the services once, after the images, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'iot-seed-'));
      const start = () => startIotBackend({ directory, knex, seed: true });
      const read = async (backend: Backend, url: string) =>
        (
          await request(backend.server)
            .get(`/api/iot${url}`)
            .set('Authorization', as('rita'))
        ).body;
      try {
        let backend = await start();
        const apps = await read(backend, '/apps');
        const parkingSpecs = await read(backend, '/apps/smart-parking/specs');
        const energySpecs = await read(backend, '/apps/energy-monitor/specs');
        const images = await read(backend, '/images');
        await backend.stop();
        backend = await start();
        const again = await read(backend, '/apps');
        await backend.stop();

        expect(
          apps.items.map((app: any) => [
            app.id,
            app.name,
            app.owner,
            app.industry,
            app.scenario,
            app.reviewStatus,
            app.specCount,
          ]),
        ).toEqual([
          // seedDemoReviews: one app in review, one listed
          [
            'cold-chain-monitor',
            'Cold Chain Monitor',
            'group:default/isv-acme',
            'logistics',
            'cold-chain',
            'in-review',
            1,
          ],
          [
            'energy-monitor',
            'Energy Monitor',
            'group:default/isv-globex',
            'manufacturing',
            'energy-management',
            'draft',
            1,
          ],
          [
            'parking-finder',
            'Parking Finder',
            'group:default/isv-acme',
            'smart-city',
            'parking',
            'approved',
            1,
          ],
          [
            'smart-parking',
            'Smart Parking',
            'group:default/isv-acme',
            'smart-city',
            'parking',
            'draft',
            1,
          ],
        ]);
        expect(apps.items[3].description).toBe(
          'Guides drivers to free parking bays using geomagnetic sensors, and gives city operators occupancy, turnover and revenue dashboards.',
        );
        expect(parkingSpecs.items).toEqual([
          expect.objectContaining({
            id: 'smart-parking-standard',
            name: 'Smart Parking — standard',
            type: 'general',
            deployLocation: 'public-cloud',
            description:
              'Public-cloud deployment for up to 5 000 parking bays.',
            allowTrial: true,
            images: [{ name: 'parking-server', version: '1.4.2' }],
          }),
        ]);
        expect(energySpecs.items).toEqual([
          expect.objectContaining({
            id: 'energy-monitor-edge',
            name: 'Energy Monitor — edge',
            type: 'custom',
            deployLocation: 'edge-site',
            allowTrial: false,
            images: [{ name: 'energy-collector', version: '2.0.0' }],
          }),
        ]);
        expect(
          images.items.map((image: any) => image.versions[0].usedBy),
        ).toEqual([
          [
            {
              app: 'iotapp:default/energy-monitor',
              appTitle: 'Energy Monitor',
              spec: 'iotspec:default/energy-monitor-edge',
            },
          ],
          [
            {
              app: 'iotapp:default/cold-chain-monitor',
              appTitle: 'Cold Chain Monitor',
              spec: 'iotspec:default/cold-chain-monitor-cloud',
            },
            {
              app: 'iotapp:default/parking-finder',
              appTitle: 'Parking Finder',
              spec: 'iotspec:default/parking-finder-cloud',
            },
            {
              app: 'iotapp:default/smart-parking',
              appTitle: 'Smart Parking',
              spec: 'iotspec:default/smart-parking-standard',
            },
          ],
        ]);
        expect(again).toEqual(apps);
      } finally {
        await fs.rm(directory, { recursive: true, force: true });
      }
    },
  );
});
