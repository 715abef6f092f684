import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  exampleSpecGraph,
  listResourceTypes,
  planSpecGraph,
  resourceConfirmationTable,
  SpecGraph,
  toKubernetesManifests,
  toTerraformJson,
  validateSpecGraph,
} from '@internal/backstage-plugin-iot-common';
import { Knex } from 'knex';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { graphUsing, specArchiveUsing } from '../__testUtils__/apps';
import { as, startIotBackend } from '../__testUtils__/testBackend';
import { AppsStore } from '../apps/AppsStore';
import {
  createDockerSaveArchive,
  createVmImage,
} from '../images/ingest/samples';
import { writeSpecArchive } from './specArchive';
import { SpecsStore } from './SpecsStore';

jest.setTimeout(60_000);

type Backend = Awaited<ReturnType<typeof startIotBackend>>;

const SPEC = 'smart-parking-standard';
const REGISTRY = 'registry.example.com/acme';

/** exampleSpecGraph with another version of its workload's image. */
function exampleWithImage(version: string): SpecGraph {
  const graph = exampleSpecGraph();
  return {
    ...graph,
    nodes: graph.nodes.map(node =>
      node.id === 'server'
        ? {
            ...node,
            properties: {
              ...node.properties,
              image: { name: 'parking-server', version },
            },
          }
        : node,
    ),
  };
}

/** A graph with a node of type `vm` on a subnet, running `image`. */
function vmGraph(image: { name: string; version: string }): SpecGraph {
  return {
    nodes: [
      { id: 'vpc', type: 'vpc', properties: { name: 'vpc' } },
      { id: 'subnet', type: 'subnet', properties: { name: 'subnet' } },
      { id: 'vm', type: 'vm', properties: { name: 'vm', image } },
    ],
    edges: [
      { source: 'subnet', target: 'vpc' },
      { source: 'vm', target: 'subnet' },
    ],
  };
}

/** A graph with faults of several kinds, on several nodes and an edge. */
const faultyGraph: SpecGraph = {
  nodes: [
    { id: 'vpc', type: 'vpc', properties: { name: 'vpc', cidr: 'everywhere' } },
    { id: 'pool', type: 'node-pool', properties: { count: 99 } },
    { id: 'db', type: 'rds', properties: { name: 'db' } },
    { id: 'beam', type: 'teleporter', properties: {} },
  ],
  edges: [{ source: 'vpc', target: 'db' }],
};

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())(
  'spec graph routes on %p',
  (databaseId: TestDatabaseId) => {
    let directory: string;
    let knex: Knex;
    let backend: Backend;

    const api = () => request(backend.server);
    const get = (persona: string, url: string) =>
      api().get(`/api/iot${url}`).set('Authorization', as(persona));
    const put = (persona: string, url: string, body: unknown) =>
      api()
        .put(`/api/iot${url}`)
        .set('Authorization', as(persona))
        .send(body as object);
    const post = (persona: string, url: string, body: object) =>
      api().post(`/api/iot${url}`).set('Authorization', as(persona)).send(body);
    /** A download as text, whatever its media type. */
    const download = (persona: string, url: string) =>
      get(persona, url)
        .buffer(true)
        .parse((res, callback) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', chunk => {
            text += chunk;
          });
          res.on('end', () => callback(null, text));
        });
    const del = (persona: string, url: string) =>
      api().delete(`/api/iot${url}`).set('Authorization', as(persona));

    async function start(options: { seed?: boolean } = {}) {
      directory = await fs.mkdtemp(path.join(os.tmpdir(), 'iot-graphs-'));
      knex = await databases.init(databaseId);
      backend = await startIotBackend({
        directory,
        knex,
        specsRegistry: REGISTRY,
        ...options,
      });
    }

    async function uploadImage(
      persona: string,
      bytes: Buffer,
      fileName: string,
    ) {
      const response = await api()
        .post('/api/iot/images')
        .set('Authorization', as(persona))
        .attach('file', bytes, fileName);
      if (response.status !== 201) {
        throw new Error(`set-up upload failed: ${response.text}`);
      }
    }

    async function setReviewStatus(
      appId: string,
      reviewStatus: 'in-review' | 'approved',
    ) {
      const store = await AppsStore.create({
        database: mockServices.database({ knex }),
      });
      await store.updateApp(appId, { reviewStatus });
    }

    afterEach(async () => {
      await backend?.stop();
      await fs.rm(directory, { recursive: true, force: true });
    });

    describe('with an app and an empty spec', () => {
      beforeEach(async () => {
        await start();
        await uploadImage(
          'alice',
          createDockerSaveArchive({ tag: '1.4.2' }),
          'docker_parking-server_1.4.2.tar',
        );
        await uploadImage(
          'bob',
          createVmImage('qcow2'),
          'vm_energy-collector_2.0.0.qcow2',
        );
        await post('alice', '/apps', {
          name: 'Smart Parking',
          industry: 'smart-city',
          scenario: 'parking',
        });
        const spec = await post('alice', '/apps/smart-parking/specs', {
          type: 'general',
          deployLocation: 'public-cloud',
          name: 'Standard',
          description: 'Public-cloud deployment.',
        });
        if (spec.body.id !== SPEC) {
          throw new Error(`set-up spec not created: ${spec.text}`);
        }
      });

      it('serves the resource types to every signed-in user, cacheable', async () => {
        const byIsv = await get('alice', '/resource-types');
        const bySi = await get('sam', '/resource-types');
        const anonymous = await api().get('/api/iot/resource-types');

        expect(byIsv.status).toBe(200);
        expect(byIsv.body).toEqual(
          JSON.parse(JSON.stringify(listResourceTypes())),
        );
        expect(byIsv.body.items.map((t: { id: string }) => t.id)).toContain(
          'container-workload',
        );
        expect(byIsv.headers['cache-control']).toBe('private, max-age=3600');
        expect(bySi.status).toBe(200);
        expect(anonymous.status).toBe(401);
      });

      it('reads the graph with an ETag to the group and reviewers; to others it does not exist', async () => {
        const owner = await get('alice', `/specs/${SPEC}/graph`);
        const reviewer = await get('rita', `/specs/${SPEC}/graph`);
        const otherIsv = await get('bob', `/specs/${SPEC}/graph`);
        const si = await get('sam', `/specs/${SPEC}/graph`);
        const missing = await get('alice', '/specs/no-such-spec/graph');
        const unchanged = await get('alice', `/specs/${SPEC}/graph`).set(
          'If-None-Match',
          owner.headers.etag,
        );

        expect(owner.status).toBe(200);
        expect(owner.body).toEqual({ nodes: [], edges: [] });
        expect(owner.headers.etag).toMatch(/^"[0-9a-f]{32}"$/);
        expect(owner.headers['cache-control']).toBe('private, no-cache');
        expect(reviewer.status).toBe(200);
        expect(reviewer.headers.etag).toBe(owner.headers.etag);
        expect(otherIsv.status).toBe(404);
        expect(otherIsv.body.error.message).toBe(`no spec with id ${SPEC}`);
        expect(si.status).toBe(404);
        expect(missing.status).toBe(404);
        expect(unchanged.status).toBe(304);
      });

      it('saves a valid graph: it round-trips, the spec deploys its images, the catalog hears of it', async () => {
        const graph = exampleSpecGraph();

        const saved = await put('alice', `/specs/${SPEC}/graph`, graph);
        const read = await get('alice', `/specs/${SPEC}/graph`);
        const spec = await get('alice', `/specs/${SPEC}`);
        const deleteUsed = await del(
          'alice',
          '/images/parking-server/versions/1.4.2',
        );

        expect(saved.status).toBe(200);
        expect(saved.body).toEqual(graph);
        expect(read.body).toEqual(graph);
        expect(read.headers.etag).toBe(saved.headers.etag);
        expect(spec.body.images).toEqual([
          { name: 'parking-server', version: '1.4.2' },
        ]);
        expect(backend.events.at(-1)?.eventPayload).toMatchObject({
          upserted: [
            {
              kind: 'IotSpec',
              metadata: { name: SPEC },
              spec: {
                images: [
                  {
                    image: 'iotimage:default/parking-server',
                    version: '1.4.2',
                  },
                ],
              },
            },
          ],
          removed: [],
        });
        expect(deleteUsed.status).toBe(409);

        const emptied = await put('alice', `/specs/${SPEC}/graph`, {
          nodes: [],
          edges: [],
        });
        expect(emptied.status).toBe(200);
        expect(
          (backend.events.at(-1)?.eventPayload as any).upserted[0].spec.images,
        ).toEqual([]);
        expect(
          (await del('alice', '/images/parking-server/versions/1.4.2')).status,
        ).toBe(204);
      });

      it('lets only the owning group save: 403 to reviewers, 404 to other ISVs and SIs', async () => {
        const graph = exampleSpecGraph();

        const byReviewer = await put('rita', `/specs/${SPEC}/graph`, graph);
        const byOther = await put('bob', `/specs/${SPEC}/graph`, graph);
        const bySi = await put('sam', `/specs/${SPEC}/graph`, graph);

        expect(byReviewer.status).toBe(403);
        expect(byReviewer.body.error.message).toBe(
          `missing permission iot.app.update on iotspec:default/${SPEC}`,
        );
        expect(byOther.status).toBe(404);
        expect(bySi.status).toBe(404);
        expect((await get('alice', `/specs/${SPEC}/graph`)).body).toEqual({
          nodes: [],
          edges: [],
        });
      });

      it('answers 400 listing every problem of a graph, beside a standard error', async () => {
        const response = await put(
          'alice',
          `/specs/${SPEC}/graph`,
          faultyGraph,
        );

        const expected = validateSpecGraph(faultyGraph, {
          images: [],
          owner: 'group:default/isv-acme',
        }).problems;
        expect(response.status).toBe(400);
        expect(response.body).toEqual({
          error: {
            name: 'InputError',
            message: `${expected.length} problems: ${expected
              .map(problem => problem.message)
              .join(' | ')}`,
          },
          request: { method: 'PUT', url: `/api/iot/specs/${SPEC}/graph` },
          response: { statusCode: 400 },
          problems: expected,
        });
        expect(expected).toHaveLength(8);
        expect(response.body.problems).toEqual(
          expect.arrayContaining([
            expect.objectContaining({
              nodeId: 'vpc',
              property: 'cidr',
              rule: 'property-format',
            }),
            expect.objectContaining({
              nodeId: 'pool',
              property: 'name',
              rule: 'property-required',
            }),
            expect.objectContaining({
              nodeId: 'pool',
              property: 'count',
              rule: 'property-range',
            }),
            expect.objectContaining({
              nodeId: 'pool',
              rule: 'missing-dependency',
            }),
            expect.objectContaining({
              nodeId: 'beam',
              rule: 'unknown-type',
            }),
            expect.objectContaining({
              edge: { source: 'vpc', target: 'db' },
              rule: 'edge-not-allowed',
            }),
          ]),
        );
        expect((await get('alice', `/specs/${SPEC}/graph`)).body).toEqual({
          nodes: [],
          edges: [],
        });
      });

      it('answers 400 with schema problems for a body that is not a graph', async () => {
        const noEdges = await put('alice', `/specs/${SPEC}/graph`, {
          nodes: [{ id: 'a b', type: 'vpc' }],
        });
        const extra = await put('alice', `/specs/${SPEC}/graph`, {
          nodes: [],
          edges: [],
          layout: 'dagre',
        });

        expect(noEdges.status).toBe(400);
        expect(noEdges.body.error.name).toBe('InputError');
        expect(noEdges.body.problems.length).toBeGreaterThanOrEqual(2);
        expect(
          noEdges.body.problems.every(
            (problem: { rule: string }) => problem.rule === 'schema',
          ),
        ).toBe(true);
        expect(extra.status).toBe(400);
        expect(extra.body.problems[0].message).toMatch(/layout/);
      });

      it.each([
        [
          'an image nobody uploaded',
          exampleWithImage('1.4.2'),
          { name: 'nothing-here', version: '1.0.0' },
          'image-missing',
        ],
        [
          'an image of another group',
          vmGraph({ name: 'energy-collector', version: '2.0.0' }),
          undefined,
          'image-owner',
        ],
        [
          'a version the group has not uploaded',
          exampleWithImage('9.9.9'),
          undefined,
          'image-version-missing',
        ],
        [
          'a Docker image on a VM',
          vmGraph({ name: 'parking-server', version: '1.4.2' }),
          undefined,
          'image-kind',
        ],
      ])('refuses %s (400)', async (_what, base, image, rule) => {
        const graph = image
          ? {
              ...base,
              nodes: base.nodes.map(node =>
                node.id === 'server'
                  ? { ...node, properties: { ...node.properties, image } }
                  : node,
              ),
            }
          : base;

        const response = await put('alice', `/specs/${SPEC}/graph`, graph);

        expect(response.status).toBe(400);
        expect(response.body.problems).toEqual([
          expect.objectContaining({ property: 'image', rule }),
        ]);
      });

      it('refuses changes while the app is in review or published (409)', async () => {
        await setReviewStatus('smart-parking', 'in-review');
        const inReview = await put(
          'alice',
          `/specs/${SPEC}/graph`,
          exampleSpecGraph(),
        );
        await setReviewStatus('smart-parking', 'approved');
        const published = await put(
          'alice',
          `/specs/${SPEC}/graph`,
          faultyGraph,
        );

        expect(inReview.status).toBe(409);
        expect(inReview.body.error.message).toBe(
          "spec 'Standard' belongs to app 'Smart Parking', which is in review; its specs cannot be changed until a reviewer approves or rejects it",
        );
        expect(published.status).toBe(409);
        expect(published.body.error.message).toBe(
          "spec 'Standard' belongs to app 'Smart Parking', which is approved (published); ask a reviewer to unlist the app before changing the dependency graphs of its specs",
        );
        expect((await get('alice', `/specs/${SPEC}/graph`)).body).toEqual({
          nodes: [],
          edges: [],
        });
      });

      it('saves with If-Match only onto the graph it names (412 otherwise)', async () => {
        const loaded = await get('alice', `/specs/${SPEC}/graph`);
        const first = await put(
          'alice',
          `/specs/${SPEC}/graph`,
          exampleSpecGraph(),
        ).set('If-Match', loaded.headers.etag);
        const stale = await put('alice', `/specs/${SPEC}/graph`, {
          nodes: [],
          edges: [],
        }).set('If-Match', loaded.headers.etag);
        const listed = await put(
          'alice',
          `/specs/${SPEC}/graph`,
          exampleWithImage('1.4.2'),
        ).set('If-Match', `"0", ${first.headers.etag}`);
        const any = await put('alice', `/specs/${SPEC}/graph`, {
          nodes: [],
          edges: [],
        }).set('If-Match', '*');

        expect(first.status).toBe(200);
        expect(first.headers.etag).not.toBe(loaded.headers.etag);
        expect(stale.status).toBe(412);
        expect(stale.body.error).toEqual({
          name: 'PreconditionFailedError',
          message: expect.stringMatching(
            /^the dependency graph of spec 'Standard' changed since you loaded it \(ETag now "[0-9a-f]{32}", yours "[0-9a-f]{32}"\); load it again, redo your changes and save$/,
          ),
          statusCode: 412,
        });
        expect(listed.status).toBe(200);
        expect(listed.headers.etag).toBe(first.headers.etag);
        expect(any.status).toBe(200);
        expect((await get('alice', `/specs/${SPEC}/graph`)).body).toEqual({
          nodes: [],
          edges: [],
        });
      });

      it('plans and exports the saved graph for readers', async () => {
        const graph = exampleSpecGraph();
        await put('alice', `/specs/${SPEC}/graph`, graph);

        const plan = await get('alice', `/specs/${SPEC}/plan`);
        const resources = await get('rita', `/specs/${SPEC}/resources`);
        const terraform = await get(
          'alice',
          `/specs/${SPEC}/exports/terraform`,
        );
        const kubernetes = await download(
          'rita',
          `/specs/${SPEC}/exports/kubernetes`,
        );

        expect(plan.status).toBe(200);
        expect(plan.body).toEqual(
          JSON.parse(JSON.stringify(planSpecGraph(graph))),
        );
        expect(plan.body.levels[0]).toEqual(['vpc', 'eip']);
        expect(resources.status).toBe(200);
        expect(resources.body).toEqual({
          items: JSON.parse(JSON.stringify(resourceConfirmationTable(graph))),
        });
        expect(terraform.status).toBe(200);
        expect(terraform.headers['content-type']).toBe(
          'application/json; charset=utf-8',
        );
        expect(terraform.headers['content-disposition']).toBe(
          `attachment; filename="${SPEC}.tf.json"`,
        );
        expect(terraform.body).toEqual(
          JSON.parse(JSON.stringify(toTerraformJson(graph))),
        );
        expect(kubernetes.status).toBe(200);
        expect(kubernetes.headers['content-type']).toBe(
          'application/yaml; charset=utf-8',
        );
        expect(kubernetes.headers['content-disposition']).toBe(
          `attachment; filename="${SPEC}.k8s.yaml"`,
        );
        const yaml: string = kubernetes.body;
        expect(yaml).toMatch(
          new RegExp(`^# Kubernetes manifests of spec ${SPEC}, exported`),
        );
        expect(yaml).toContain(
          toKubernetesManifests(graph, { registry: REGISTRY }),
        );
        expect(yaml).toContain(`image: ${REGISTRY}/parking-server:1.4.2`);
        for (const url of ['plan', 'resources', 'exports/terraform']) {
          expect((await get('bob', `/specs/${SPEC}/${url}`)).status).toBe(404);
          expect((await get('sam', `/specs/${SPEC}/${url}`)).status).toBe(404);
        }
      });

      it('plans an empty graph; its Kubernetes export says there is nothing to apply', async () => {
        const plan = await get('alice', `/specs/${SPEC}/plan`);
        const kubernetes = await download(
          'alice',
          `/specs/${SPEC}/exports/kubernetes`,
        );

        expect(plan.status).toBe(200);
        expect(plan.body).toEqual({
          resources: [],
          levels: [],
          installOrder: [],
          uninstallOrder: [],
          criticalPath: { nodeIds: [], seconds: 0 },
        });
        expect(kubernetes.body).toContain(
          '# The spec has no container workloads: there is nothing to apply.',
        );
      });

      it('answers 409 with the problems when the saved graph is not valid', async () => {
        const store = await SpecsStore.create({
          database: mockServices.database({ knex }),
        });
        await store.updateSpec(SPEC, { graph: faultyGraph });

        for (const url of [
          'plan',
          'resources',
          'exports/terraform',
          'exports/kubernetes',
        ]) {
          const response = await get('alice', `/specs/${SPEC}/${url}`);

          expect(response.status).toBe(409);
          expect(response.body.error.name).toBe('ConflictError');
          expect(response.body.error.message).toMatch(
            new RegExp(
              `^the saved dependency graph of spec ${SPEC} has \\d+ problems: .*; open it in the editor, fix them and save$`,
            ),
          );
          expect(response.body.problems).toEqual(
            validateSpecGraph(faultyGraph).problems,
          );
        }
      });

      it('imports valid graphs, refuses invalid ones listing the problems (422), and copies keep graphs', async () => {
        const valid = graphUsing([
          { name: 'parking-server', version: '1.4.2' },
        ]);
        const imported = await api()
          .post('/api/iot/apps/smart-parking/specs/import')
          .set('Authorization', as('alice'))
          .attach(
            'file',
            await specArchiveUsing([
              { name: 'parking-server', version: '1.4.2' },
            ]),
            'spec.zip',
          );
        const orphan = graphUsing([
          { name: 'parking-server', version: '1.4.2' },
        ]);
        orphan.edges = orphan.edges.filter(edge => edge.source !== 'pool');
        const refused = await api()
          .post('/api/iot/apps/smart-parking/specs/import')
          .set('Authorization', as('alice'))
          .attach(
            'file',
            await writeSpecArchive({
              manifestVersion: 1,
              kind: 'IotSpec',
              spec: {
                type: 'general',
                deployLocation: 'public-cloud',
                name: 'Orphan',
                description: 'A node pool without its cluster.',
                allowTrial: false,
              },
              graph: orphan,
              images: [{ name: 'parking-server', version: '1.4.2' }],
            }),
            'spec.zip',
          );

        expect(imported.status).toBe(201);
        expect(
          (await get('alice', `/specs/${imported.body.id}/graph`)).body,
        ).toEqual(valid);
        expect(refused.status).toBe(422);
        expect(refused.body.error).toEqual({
          name: 'UnprocessableEntityError',
          rule: 'graph',
          message: expect.stringMatching(
            /^the spec's dependency graph has 1 problem: .* must depend on .*Container cluster.*; fix the graph in the source spec, export it again and import the new file \(rule: graph\)$/,
          ),
        });
        expect(refused.body.problems).toEqual([
          expect.objectContaining({
            nodeId: 'pool',
            rule: 'missing-dependency',
          }),
        ]);

        const copy = await post('alice', `/specs/${imported.body.id}/copy`, {});
        expect(copy.status).toBe(201);
        expect(
          (await get('alice', `/specs/${copy.body.id}/graph`)).body,
        ).toEqual(valid);
      });
    });

    it('seeds demo specs whose graphs are valid, planned and saved back unchanged', async () => {
      await start({ seed: true });

      for (const [persona, specId] of [
        ['alice', 'smart-parking-standard'],
        ['bob', 'energy-monitor-edge'],
      ]) {
        const graph = await get(persona, `/specs/${specId}/graph`);
        const plan = await get(persona, `/specs/${specId}/plan`);
        const saved = await put(persona, `/specs/${specId}/graph`, graph.body);

        expect(graph.status).toBe(200);
        expect(plan.status).toBe(200);
        expect(saved.status).toBe(200);
        expect(saved.headers.etag).toBe(graph.headers.etag);
      }
    });
  },
);
