import path from 'node:path';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  EventsService,
  eventsServiceFactory,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import request from 'supertest';
import { catalogModuleIot } from './module';

const groupsYaml = path.resolve(__dirname, '../../../catalog/org/groups.yaml');

const image = (name: string, owner: string): Entity => ({
  apiVersion: 'iot.portal/v1alpha1',
  kind: 'IotImage',
  metadata: { name, title: name },
  spec: {
    owner,
    imageKind: 'docker',
    versions: [
      {
        version: '1.4.2',
        status: 'succeeded',
        sizeBytes: 187695104,
        uploadedAt: '2026-10-02T09:14:00.000Z',
      },
    ],
  },
});

/**
 * Stands in for the iot backend: serves its database's entities to service
 * callers only, and lets the test publish on the events bus as the iot plugin.
 * The first call answers 503, as an iot plugin that has not started yet would.
 */
function fakeIotPlugin(entities: Entity[]) {
  const iot = {
    events: undefined as EventsService | undefined,
    callers: new Array<string>(),
    publish(eventPayload: { upserted: Entity[]; removed: string[] }) {
      return iot.events!.publish({ topic: 'iot.catalog', eventPayload });
    },
  };
  const plugin = createBackendPlugin({
    pluginId: 'iot',
    register(env) {
      env.registerInit({
        deps: {
          http: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
          events: eventsServiceRef,
        },
        async init({ http, httpAuth, events }) {
          iot.events = events;
          let calls = 0;
          http.use(async (req, res, next) => {
            if (req.method !== 'GET' || req.path !== '/catalog/entities') {
              next();
              return;
            }
            try {
              const { principal } = await httpAuth.credentials(req, {
                allow: ['service'],
              });
              iot.callers.push(principal.subject);
              if (calls++ === 0) {
                res.status(503).json({ error: 'not started yet' });
                return;
              }
              res.json({ entities });
            } catch (error) {
              next(error);
            }
          });
        },
      });
    },
  });
  return { iot, plugin };
}

async function startCatalog(options: {
  entities: Entity[];
  locations: string[];
}) {
  const { iot, plugin } = fakeIotPlugin(options.entities);
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleIot,
      plugin,
      // one bus for all plugins, as in the real backend
      eventsServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          events: { useEventBus: 'never' },
          catalog: {
            processingInterval: { seconds: 1 },
            rules: [
              {
                allow: [
                  'Group',
                  'User',
                  'IotApp',
                  'IotSpec',
                  'IotImage',
                  'Location',
                ],
              },
            ],
            locations: options.locations.map(target => ({
              type: 'file',
              target,
            })),
          },
        },
      }),
    ],
  });

  const poll = async <T>(
    what: string,
    attempt: () => Promise<T | undefined>,
  ): Promise<T> => {
    for (let i = 0; i < 150; i++) {
      const result = await attempt();
      if (result !== undefined) return result;
      await new Promise(r => setTimeout(r, 200));
    }
    throw new Error(`${what} never happened`);
  };
  const get = (ref: string) =>
    request(backend.server).get(`/api/catalog/entities/by-name/${ref}`);
  const relations = (ref: string, expected: (rel: string[]) => boolean) =>
    poll(`${ref} with the expected relations`, async () => {
      const res = await get(ref);
      const rel: string[] = (res.body.relations ?? [])
        .map((r: any) => `${r.type} ${r.targetRef}`)
        .sort();
      return res.status === 200 && expected(rel) ? rel : undefined;
    });
  const gone = (ref: string) =>
    poll(`removal of ${ref}`, async () =>
      (await get(ref)).status === 404 ? true : undefined,
    );
  const entity = async (ref: string) => (await get(ref)).body as Entity;

  return { backend, iot, relations, gone, entity };
}

describe('catalogModuleIot', () => {
  const mockDir = createMockDirectory({
    content: {
      'acme.yaml': `
apiVersion: iot.portal/v1alpha1
kind: IotApp
metadata:
  name: smart-parking
  title: Smart Parking
spec:
  owner: group:default/isv-acme
  industry: smart-city
  scenario: parking
---
apiVersion: iot.portal/v1alpha1
kind: IotSpec
metadata:
  name: smart-parking-standard
spec:
  owner: group:default/isv-acme
  app: iotapp:default/smart-parking
  type: general
  deployLocation: public-cloud
  allowTrial: true
  images:
    - image: iotimage:default/parking-server
      version: 1.4.2
`,
    },
  });

  it('relates an app and spec from YAML to an image from the iot database, both ways', async () => {
    const { backend, relations } = await startCatalog({
      entities: [image('parking-server', 'group:default/isv-acme')],
      locations: [groupsYaml, mockDir.resolve('acme.yaml')],
    });
    try {
      const has = (n: number) => (rel: string[]) => rel.length === n;

      expect(
        await relations('iotspec/default/smart-parking-standard', has(3)),
      ).toEqual([
        'dependsOn iotimage:default/parking-server',
        'ownedBy group:default/isv-acme',
        'partOf iotapp:default/smart-parking',
      ]);
      expect(await relations('iotapp/default/smart-parking', has(2))).toEqual([
        'hasPart iotspec:default/smart-parking-standard',
        'ownedBy group:default/isv-acme',
      ]);
      expect(
        await relations('iotimage/default/parking-server', has(2)),
      ).toEqual([
        'dependencyOf iotspec:default/smart-parking-standard',
        'ownedBy group:default/isv-acme',
      ]);
      expect(
        await relations('group/default/isv-acme', rel =>
          rel.includes('ownerOf iotimage:default/parking-server'),
        ),
      ).toEqual(
        expect.arrayContaining([
          'ownerOf iotapp:default/smart-parking',
          'ownerOf iotimage:default/parking-server',
          'ownerOf iotspec:default/smart-parking-standard',
        ]),
      );
    } finally {
      await backend.stop();
    }
  }, 60_000);

  it('publishes the iot database through a full sync and iot.catalog events', async () => {
    const { backend, iot, relations, gone, entity } = await startCatalog({
      entities: [image('parking-server', 'group:default/isv-acme')],
      locations: [groupsYaml],
    });
    try {
      const ownedBy = (owner: string) => (rel: string[]) =>
        rel.includes(`ownedBy ${owner}`);

      expect(
        await relations(
          'iotimage/default/parking-server',
          ownedBy('group:default/isv-acme'),
        ),
      ).toEqual(['ownedBy group:default/isv-acme']);
      // the first call met a 503 and was retried; every call was a service's
      expect(iot.callers.length).toBeGreaterThanOrEqual(2);
      expect(new Set(iot.callers)).toEqual(new Set(['plugin:catalog']));
      expect(
        (await entity('iotimage/default/parking-server')).metadata.annotations,
      ).toMatchObject({
        'backstage.io/managed-by-location': 'iot:database',
        'backstage.io/managed-by-origin-location': 'iot:database',
      });

      await iot.publish({
        upserted: [image('energy-collector', 'group:default/isv-globex')],
        removed: [],
      });
      expect(
        await relations(
          'iotimage/default/energy-collector',
          ownedBy('group:default/isv-globex'),
        ),
      ).toEqual(['ownedBy group:default/isv-globex']);
      expect(
        await relations('group/default/isv-globex', rel =>
          rel.includes('ownerOf iotimage:default/energy-collector'),
        ),
      ).toContain('ownerOf iotimage:default/energy-collector');

      await iot.publish({
        upserted: [],
        removed: ['iotimage:default/energy-collector'],
      });
      await gone('iotimage/default/energy-collector');
      expect((await entity('iotimage/default/parking-server')).kind).toBe(
        'IotImage',
      );
    } finally {
      await backend.stop();
    }
  }, 60_000);
});
