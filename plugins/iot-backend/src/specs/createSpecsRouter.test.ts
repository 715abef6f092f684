import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  MAX_SPEC_ARCHIVE_BYTES,
  SpecManifest,
} from '@internal/backstage-plugin-iot-common';
import { Knex } from 'knex';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import yauzl from 'yauzl';
import { graphUsing, specArchiveUsing } from '../__testUtils__/apps';
import { as, startIotBackend } from '../__testUtils__/testBackend';
import { AppsStore } from '../apps/AppsStore';
import {
  createDockerSaveArchive,
  createVmImage,
} from '../images/ingest/samples';
import { buildZip } from './__testUtils__/zips';

jest.setTimeout(60_000);

type Backend = Awaited<ReturnType<typeof startIotBackend>>;

const standard = {
  type: 'general',
  deployLocation: 'public-cloud',
  name: 'Standard',
  description: 'Public-cloud deployment for up to 5 000 parking bays.',
  allowTrial: true,
} as const;

/** The entries of a zip, by name, as text. */
function unzip(archive: Buffer): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(archive, { lazyEntries: true }, (error, zip) => {
      if (error) {
        reject(error);
        return;
      }
      const entries: Record<string, string> = {};
      zip.on('entry', entry => {
        zip.openReadStream(entry, (openError, stream) => {
          if (openError) {
            reject(openError);
            return;
          }
          const chunks: Buffer[] = [];
          stream.on('data', chunk => chunks.push(chunk));
          stream.on('end', () => {
            entries[entry.fileName] = Buffer.concat(chunks).toString('utf8');
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.readEntry();
    });
  });
}

describe('spec routes', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let directory: string;
  let knex: Knex;
  let backend: Backend;

  beforeEach(async () => {
    directory = await fs.mkdtemp(path.join(os.tmpdir(), 'iot-specs-'));
    knex = await databases.init('SQLITE_3');
    backend = await startIotBackend({ directory, knex });
    await post('alice', '/apps', {
      name: 'Smart Parking',
      industry: 'smart-city',
      scenario: 'parking',
    });
    await post('bob', '/apps', {
      name: 'Energy Monitor',
      industry: 'manufacturing',
      scenario: 'energy-management',
    });
  });

  afterEach(async () => {
    await backend.stop();
    await fs.rm(directory, { recursive: true, force: true });
  });

  const api = () => request(backend.server);
  function post(persona: string, url: string, body?: unknown) {
    const req = api().post(`/api/iot${url}`).set('Authorization', as(persona));
    return body === undefined ? req : req.send(body as object);
  }
  const get = (persona: string, url: string) =>
    api().get(`/api/iot${url}`).set('Authorization', as(persona));
  const patch = (persona: string, url: string, body: unknown) =>
    api()
      .patch(`/api/iot${url}`)
      .set('Authorization', as(persona))
      .send(body as object);
  const del = (persona: string, url: string) =>
    api().delete(`/api/iot${url}`).set('Authorization', as(persona));
  const importArchive = (persona: string, appId: string, archive: Buffer) =>
    api()
      .post(`/api/iot/apps/${appId}/specs/import`)
      .set('Authorization', as(persona))
      .attach('file', archive, 'spec.zip');
  const specNames = async (appId: string) =>
    (await get('alice', `/apps/${appId}/specs`)).body.items.map(
      (spec: { name: string }) => spec.name,
    );
  async function setReviewStatus(appId: string, reviewStatus: 'approved') {
    const store = await AppsStore.create({
      database: mockServices.database({ knex }),
    });
    await store.updateApp(appId, { reviewStatus });
  }
  async function uploadImage(persona: string, bytes: Buffer, fileName: string) {
    const response = await api()
      .post('/api/iot/images')
      .set('Authorization', as(persona))
      .attach('file', bytes, fileName);
    expect(response.status).toBe(201);
  }
  async function exportManifest(persona: string, specId: string) {
    const response = await get(persona, `/specs/${specId}/export`)
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      });
    expect(response.status).toBe(200);
    const entries = await unzip(response.body);
    return {
      response,
      archive: response.body as Buffer,
      entries,
      manifest: JSON.parse(entries['iot-spec.json']) as SpecManifest,
    };
  }

  describe('POST /apps/{appId}/specs', () => {
    it('adds a spec to an app of the group (201)', async () => {
      const response = await post(
        'alice',
        '/apps/smart-parking/specs',
        standard,
      );

      expect(response.status).toBe(201);
      expect(response.body).toEqual({
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
      expect(backend.events.at(-1)?.eventPayload).toMatchObject({
        upserted: [
          {
            kind: 'IotSpec',
            metadata: { name: 'smart-parking-standard', title: 'Standard' },
            spec: { app: 'iotapp:default/smart-parking' },
          },
        ],
      });
      expect((await get('alice', '/apps/smart-parking')).body.specCount).toBe(
        1,
      );
    });

    it('accepts the longest name and description; allowTrial defaults to false', async () => {
      const response = await post('alice', '/apps/smart-parking/specs', {
        type: 'experience',
        deployLocation: 'edge-site',
        name: 'N'.repeat(64),
        description: 'd'.repeat(300),
      });

      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        allowTrial: false,
        type: 'experience',
      });
    });

    it.each([
      [
        'a name of 65 characters',
        { name: 'N'.repeat(65) },
        /name: must be at most 64 characters/,
      ],
      [
        'a description of 301 characters',
        { description: 'd'.repeat(301) },
        /description: must be at most 300 characters/,
      ],
      [
        'an empty description',
        { description: ' ' },
        /description: is required/,
      ],
      ['no description', { description: undefined }, /description: /],
      ['no name', { name: undefined }, /name: /],
      ['no type', { type: undefined }, /type: /],
      ['no deploy location', { deployLocation: undefined }, /deployLocation: /],
      ['an unknown type', { type: 'deluxe' }, /type: /],
      [
        'an unknown deploy location',
        { deployLocation: 'moon' },
        /deployLocation: /,
      ],
      ['allowTrial as a string', { allowTrial: 'yes' }, /allowTrial: /],
      ['an extra field', { graph: { nodes: [], edges: [] } }, /graph/],
    ])('answers 400 for %s', async (_what, change, message) => {
      const response = await post('alice', '/apps/smart-parking/specs', {
        ...standard,
        ...change,
      });

      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/^invalid body: /);
      expect(response.body.error.message).toMatch(message);
      expect(await specNames('smart-parking')).toEqual([]);
    });

    it('answers 409 for a name the app uses, 404 to other ISVs, 403 to reviewers', async () => {
      await post('alice', '/apps/smart-parking/specs', standard);

      const again = await post('alice', '/apps/smart-parking/specs', {
        ...standard,
        name: 'STANDARD',
      });
      const byOther = await post('bob', '/apps/smart-parking/specs', standard);
      const bySi = await post('sam', '/apps/smart-parking/specs', standard);
      const byReviewer = await post(
        'rita',
        '/apps/smart-parking/specs',
        standard,
      );
      const noApp = await post('alice', '/apps/no-such-app/specs', standard);

      expect(again.status).toBe(409);
      expect(again.body.error.message).toMatch(
        /^app 'Smart Parking' already has a spec named 'Standard' \(smart-parking-standard\)/,
      );
      expect(byOther.status).toBe(404);
      expect(byOther.body.error.message).toBe('no app with id smart-parking');
      expect(bySi.status).toBe(404);
      expect(byReviewer.status).toBe(403);
      expect(byReviewer.body.error.message).toBe(
        'missing permission iot.app.update on iotapp:default/smart-parking',
      );
      expect(noApp.status).toBe(404);
    });
  });

  describe('GET /apps/{appId}/specs and GET, PATCH, DELETE /specs/{specId}', () => {
    beforeEach(async () => {
      await post('alice', '/apps/smart-parking/specs', standard);
      await post('alice', '/apps/smart-parking/specs', {
        ...standard,
        name: 'Lite',
        allowTrial: false,
      });
    });

    it('lists and shows specs to the group and reviewers; to others they do not exist', async () => {
      const list = await get('alice', '/apps/smart-parking/specs');
      const reviewerList = await get('rita', '/apps/smart-parking/specs');
      const otherList = await get('bob', '/apps/smart-parking/specs');
      const one = await get('alice', '/specs/smart-parking-standard');
      const reviewer = await get('rita', '/specs/smart-parking-standard');
      const other = await get('bob', '/specs/smart-parking-standard');
      const si = await get('sam', '/specs/smart-parking-standard');
      const missing = await get('alice', '/specs/no-such-spec');

      expect(list.status).toBe(200);
      expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([
        'smart-parking-lite',
        'smart-parking-standard',
      ]);
      expect(reviewerList.body).toEqual(list.body);
      expect(otherList.status).toBe(404);
      expect(one.status).toBe(200);
      expect(one.body).toEqual(list.body.items[1]);
      expect(reviewer.status).toBe(200);
      expect(other.status).toBe(404);
      expect(other.body.error.message).toBe(
        'no spec with id smart-parking-standard',
      );
      expect(si.status).toBe(404);
      expect(missing.status).toBe(404);
    });

    it('edits the fields sent (200), 403 to reviewers, 404 to others', async () => {
      const edited = await patch('alice', '/specs/smart-parking-standard', {
        description: 'Up to 10 000 bays.',
        type: 'custom',
      });
      const byReviewer = await patch('rita', '/specs/smart-parking-standard', {
        name: 'Mine',
      });
      const byOther = await patch('bob', '/specs/smart-parking-standard', {
        name: 'Mine',
      });

      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({
        id: 'smart-parking-standard',
        name: 'Standard',
        description: 'Up to 10 000 bays.',
        type: 'custom',
        allowTrial: true,
      });
      expect(byReviewer.status).toBe(403);
      expect(byReviewer.body.error.message).toBe(
        'missing permission iot.app.update on iotspec:default/smart-parking-standard',
      );
      expect(byOther.status).toBe(404);
    });

    it.each([
      ['a name of 65 characters', { name: 'N'.repeat(65) }, 400],
      [
        'a description of 301 characters',
        { description: 'd'.repeat(301) },
        400,
      ],
      ['an empty description', { description: '' }, 400],
      ['an unknown deploy location', { deployLocation: 'moon' }, 400],
      ['the app, which never changes', { appId: 'energy-monitor' }, 400],
      ['the name of another spec of the app', { name: 'lite' }, 409],
    ])('answers an edit of %s with %p', async (_what, body, status) => {
      const response = await patch(
        'alice',
        '/specs/smart-parking-standard',
        body,
      );

      expect(response.status).toBe(status);
      expect(
        (await get('alice', '/specs/smart-parking-standard')).body,
      ).toMatchObject(standard);
    });

    it('deletes a spec (204) unless the app is published (409); 403 to reviewers, 404 to others', async () => {
      const byReviewer = await del('rita', '/specs/smart-parking-lite');
      const byOther = await del('bob', '/specs/smart-parking-lite');
      const deleted = await del('alice', '/specs/smart-parking-lite');
      await setReviewStatus('smart-parking', 'approved');
      const published = await del('alice', '/specs/smart-parking-standard');

      expect(byReviewer.status).toBe(403);
      expect(byReviewer.body.error.message).toBe(
        'missing permission iot.app.delete on iotspec:default/smart-parking-lite',
      );
      expect(byOther.status).toBe(404);
      expect(deleted.status).toBe(204);
      expect(published.status).toBe(409);
      expect(published.body.error.message).toBe(
        "spec 'Standard' belongs to app 'Smart Parking', which is approved (published); ask a reviewer to unlist the app before deleting its specs",
      );
      expect(await specNames('smart-parking')).toEqual(['Standard']);
      expect(backend.events.at(-1)?.eventPayload).toMatchObject({
        removed: ['iotspec:default/smart-parking-lite'],
      });
    });
  });

  describe('POST /specs/{specId}/copy', () => {
    beforeEach(async () => {
      await post('alice', '/apps/smart-parking/specs', standard);
    });

    it('copies into a new spec of the app with a suggested or given name (201)', async () => {
      const first = await post('alice', '/specs/smart-parking-standard/copy');
      const second = await post(
        'alice',
        '/specs/smart-parking-standard/copy',
        {},
      );
      const named = await post('alice', '/specs/smart-parking-standard/copy', {
        name: 'Premium',
      });

      expect([first.status, second.status, named.status]).toEqual([
        201, 201, 201,
      ]);
      expect(first.body).toMatchObject({
        id: 'smart-parking-standard-copy',
        appId: 'smart-parking',
        name: 'Standard (copy)',
        description: standard.description,
        allowTrial: true,
      });
      expect(second.body.name).toBe('Standard (copy 2)');
      expect(named.body.id).toBe('smart-parking-premium');
      expect(await specNames('smart-parking')).toEqual([
        'Premium',
        'Standard',
        'Standard (copy 2)',
        'Standard (copy)',
      ]);
    });

    it('answers 400 for a bad name, 409 for a taken one, 403 to reviewers, 404 to others', async () => {
      const tooLong = await post(
        'alice',
        '/specs/smart-parking-standard/copy',
        {
          name: 'N'.repeat(65),
        },
      );
      const extra = await post('alice', '/specs/smart-parking-standard/copy', {
        appId: 'energy-monitor',
      });
      const taken = await post('alice', '/specs/smart-parking-standard/copy', {
        name: 'standard',
      });
      const byReviewer = await post(
        'rita',
        '/specs/smart-parking-standard/copy',
      );
      const byOther = await post('bob', '/specs/smart-parking-standard/copy');

      expect(tooLong.status).toBe(400);
      expect(extra.status).toBe(400);
      expect(taken.status).toBe(409);
      expect(byReviewer.status).toBe(403);
      expect(byOther.status).toBe(404);
      expect(await specNames('smart-parking')).toEqual(['Standard']);
    });
  });

  describe('export and import', () => {
    const parkingServer = createDockerSaveArchive({ tag: '1.4.2' });
    const uses = [{ name: 'parking-server', version: '1.4.2' }];

    beforeEach(async () => {
      await uploadImage(
        'alice',
        parkingServer,
        'docker_parking-server_1.4.2.tar',
      );
      await post('alice', '/apps', {
        name: 'Parking Two',
        industry: 'smart-city',
        scenario: 'parking',
      });
      const imported = await importArchive(
        'alice',
        'smart-parking',
        await specArchiveUsing(uses, standard),
      );
      if (imported.status !== 201) {
        throw new Error(`set-up import failed: ${imported.text}`);
      }
    });

    it('exports a zip with the manifest and a README', async () => {
      const { response, entries, manifest } = await exportManifest(
        'alice',
        'smart-parking-standard',
      );

      expect(response.headers['content-type']).toMatch(/^application\/zip/);
      expect(response.headers['content-disposition']).toBe(
        'attachment; filename="smart-parking-standard.zip"',
      );
      expect(Object.keys(entries).sort()).toEqual([
        'README.md',
        'iot-spec.json',
      ]);
      expect(manifest).toEqual({
        manifestVersion: 1,
        kind: 'IotSpec',
        exportedAt: expect.any(String),
        source: { specId: 'smart-parking-standard', appId: 'smart-parking' },
        spec: standard,
        graph: graphUsing(uses),
        images: uses,
      });
      // reviewers read specs, so they may export them; other ISVs may not
      expect(
        (await get('rita', '/specs/smart-parking-standard/export')).status,
      ).toBe(200);
      expect(
        (await get('bob', '/specs/smart-parking-standard/export')).status,
      ).toBe(404);
    });

    it('imports an export back into an identical spec, in another app or the same', async () => {
      const exported = await exportManifest('alice', 'smart-parking-standard');

      const elsewhere = await importArchive(
        'alice',
        'parking-two',
        exported.archive,
      );
      const same = await importArchive(
        'alice',
        'smart-parking',
        exported.archive,
      );

      expect(elsewhere.status).toBe(201);
      expect(elsewhere.body).toMatchObject({
        id: 'parking-two-standard',
        appId: 'parking-two',
        ...standard,
        images: uses,
      });
      expect(same.status).toBe(201);
      expect(same.body).toMatchObject({
        id: 'smart-parking-standard-imported',
        name: 'Standard (imported)',
      });
      const again = await exportManifest('alice', 'parking-two-standard');
      expect(again.manifest.spec).toEqual(exported.manifest.spec);
      expect(again.manifest.graph).toEqual(exported.manifest.graph);
      expect(again.manifest.images).toEqual(exported.manifest.images);
    });

    it('refuses to import for reviewers (403) and into apps of others (404)', async () => {
      const { archive } = await exportManifest(
        'alice',
        'smart-parking-standard',
      );

      const byReviewer = await importArchive('rita', 'smart-parking', archive);
      const intoOther = await importArchive('alice', 'energy-monitor', archive);

      expect(byReviewer.status).toBe(403);
      expect(intoOther.status).toBe(404);
    });

    it('answers 422 naming the image versions the group does not have', async () => {
      await uploadImage(
        'bob',
        createVmImage('qcow2'),
        'vm_energy-collector_2.0.0.qcow2',
      );

      const response = await importArchive(
        'alice',
        'smart-parking',
        await specArchiveUsing([
          ...uses,
          { name: 'parking-server', version: '9.9.9' },
          { name: 'energy-collector', version: '2.0.0' },
        ]),
      );

      expect(response.status).toBe(422);
      expect(response.body.error).toMatchObject({
        name: 'UnprocessableEntityError',
        rule: 'images-available',
        message:
          'the spec deploys image versions group:default/isv-acme has not uploaded successfully: ' +
          'energy-collector 2.0.0, parking-server 9.9.9; upload them on the Images page, then import again (rule: images-available)',
      });
      expect(await specNames('smart-parking')).toEqual(['Standard']);
    });

    it('keeps an image version a spec deploys from being deleted (409)', async () => {
      const response = await del(
        'alice',
        '/images/parking-server/versions/1.4.2',
      );

      expect(response.status).toBe(409);
      expect(response.body.error.message).toBe(
        'version 1.4.2 of image parking-server is used by Smart Parking (iotapp:default/smart-parking, spec iotspec:default/smart-parking-standard); remove it from those specs first',
      );
    });

    it.each([
      [
        'over 500 KB',
        () =>
          buildZip([
            { name: 'iot-spec.json', data: '{}' },
            {
              name: 'padding.bin',
              data: Buffer.alloc(1024 * 1024, 7),
              method: 0,
            },
          ]),
        413,
        'max-size',
      ],
      [
        'not a zip',
        () => Buffer.from('this is not a zip file at all'),
        415,
        'archive-format',
      ],
      [
        'a zip-slip entry',
        () =>
          buildZip([
            { name: '../evil.sh', data: 'rm -rf /' },
            { name: 'iot-spec.json', data: '{}' },
          ]),
        422,
        'safe-paths',
      ],
      [
        'a zip bomb',
        () =>
          buildZip([
            { name: 'iot-spec.json', data: Buffer.alloc(50 * 1024 * 1024, 32) },
          ]),
        422,
        'max-unpacked-size',
      ],
      [
        'a manifest of an unknown version',
        () =>
          buildZip([
            {
              name: 'iot-spec.json',
              data: JSON.stringify({ manifestVersion: 2, kind: 'IotSpec' }),
            },
          ]),
        422,
        'manifest-version',
      ],
      [
        'a manifest that is not JSON',
        () => buildZip([{ name: 'iot-spec.json', data: '{ nope' }]),
        422,
        'manifest-json',
      ],
      [
        'no manifest',
        () => buildZip([{ name: 'README.md', data: '# hello' }]),
        422,
        'manifest-missing',
      ],
    ])(
      'answers %s with %p naming the rule',
      async (_what, archive, status, rule) => {
        const response = await importArchive(
          'alice',
          'smart-parking',
          archive(),
        );

        expect(response.status).toBe(status);
        expect(response.body.error.rule).toBe(rule);
        expect(response.body.error.message).toContain(`rule: ${rule}`);
        expect(await specNames('smart-parking')).toEqual(['Standard']);
      },
    );

    it('answers 400 without a file or without multipart', async () => {
      const noFile = await api()
        .post('/api/iot/apps/smart-parking/specs/import')
        .set('Authorization', as('alice'))
        .field('note', 'no file here');
      const json = await post('alice', '/apps/smart-parking/specs/import', {
        file: 'x',
      });

      expect(noFile.status).toBe(400);
      expect(noFile.body.error.message).toMatch(/the import has no file/);
      expect(json.status).toBe(400);
      expect(json.body.error.message).toMatch(/must be multipart\/form-data/);
      expect(MAX_SPEC_ARCHIVE_BYTES).toBe(500 * 1024);
    });
  });

  describe('GET /catalog/entities', () => {
    it('serves specs with the images they deploy and their review status', async () => {
      await uploadImage(
        'alice',
        createDockerSaveArchive({ tag: '1.4.2' }),
        'docker_parking-server_1.4.2.tar',
      );
      await importArchive(
        'alice',
        'smart-parking',
        await specArchiveUsing([{ name: 'parking-server', version: '1.4.2' }]),
      );

      const response = await api()
        .get('/api/iot/catalog/entities')
        .set('Authorization', mockCredentials.service.header());

      expect(response.status).toBe(200);
      expect(
        response.body.entities.map((e: { kind: string }) => e.kind),
      ).toEqual(['IotImage', 'IotApp', 'IotApp', 'IotSpec']);
      expect(response.body.entities[3]).toMatchObject({
        metadata: {
          name: 'smart-parking-standard',
          annotations: { 'iot.portal/review-status': 'draft' },
        },
        spec: {
          owner: 'group:default/isv-acme',
          app: 'iotapp:default/smart-parking',
          images: [
            { image: 'iotimage:default/parking-server', version: '1.4.2' },
          ],
        },
      });
    });
  });
});
