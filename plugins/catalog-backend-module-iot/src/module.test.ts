import path from 'node:path';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import request from 'supertest';
import { catalogModuleIot } from './module';

const catalogDir = path.resolve(__dirname, '../../../catalog');

describe('catalogModuleIot', () => {
  it('loads the demo IoT entities and relates app, spec, image and owner', async () => {
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleIot,
        mockServices.rootConfig.factory({
          data: {
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
              locations: [
                {
                  type: 'file',
                  target: path.join(catalogDir, 'org/groups.yaml'),
                },
                {
                  type: 'file',
                  target: path.join(catalogDir, 'demo/acme-smart-parking.yaml'),
                },
              ],
            },
          },
        }),
      ],
    });
    try {
      const get = async (ref: string) => {
        for (let i = 0; i < 100; i++) {
          const res = await request(backend.server).get(
            `/api/catalog/entities/by-name/${ref}`,
          );
          if (res.status === 200 && res.body.relations?.length) return res.body;
          await new Promise(r => setTimeout(r, 200));
        }
        throw new Error(`${ref} never appeared with relations`);
      };
      const rel = (e: any) =>
        e.relations.map((r: any) => `${r.type} ${r.targetRef}`).sort();

      expect(rel(await get('iotspec/default/smart-parking-standard'))).toEqual([
        'dependsOn iotimage:default/parking-server',
        'ownedBy group:default/isv-acme',
        'partOf iotapp:default/smart-parking',
      ]);
      expect(rel(await get('iotapp/default/smart-parking'))).toEqual([
        'hasPart iotspec:default/smart-parking-standard',
        'ownedBy group:default/isv-acme',
      ]);
      expect(rel(await get('iotimage/default/parking-server'))).toEqual([
        'dependencyOf iotspec:default/smart-parking-standard',
        'ownedBy group:default/isv-acme',
      ]);
      const group = await get('group/default/isv-acme');
      expect(rel(group)).toEqual(
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
});
