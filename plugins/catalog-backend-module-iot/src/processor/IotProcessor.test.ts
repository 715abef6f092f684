import { Entity } from '@backstage/catalog-model';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { IotProcessor } from './IotProcessor';

const location = { type: 'url', target: 'https://example.com/catalog.yaml' };

const app: Entity = {
  apiVersion: 'iot.portal/v1alpha1',
  kind: 'IotApp',
  metadata: { name: 'smart-parking', namespace: 'default' },
  spec: { owner: 'isv-acme', industry: 'smart-city', scenario: 'parking' },
};

const spec: Entity = {
  apiVersion: 'iot.portal/v1alpha1',
  kind: 'IotSpec',
  metadata: { name: 'smart-parking-standard', namespace: 'default' },
  spec: {
    owner: 'group:default/isv-acme',
    app: 'smart-parking',
    type: 'general',
    deployLocation: 'public-cloud',
    allowTrial: true,
    images: [
      { image: 'parking-server', version: '1.4.2' },
      { image: 'iotimage:default/parking-db', version: '15' },
    ],
  },
};

const image: Entity = {
  apiVersion: 'iot.portal/v1alpha1',
  kind: 'IotImage',
  metadata: { name: 'parking-server', namespace: 'default' },
  spec: {
    owner: 'group:default/isv-acme',
    imageKind: 'docker',
    versions: [
      {
        version: '1.4.2',
        status: 'succeeded',
        sizeBytes: 1024,
        uploadedAt: '2026-10-02T09:14:00Z',
      },
    ],
  },
};

async function relationsOf(entity: Entity) {
  const emitted: CatalogProcessorResult[] = [];
  await new IotProcessor().postProcessEntity(entity, location, r =>
    emitted.push(r),
  );
  return emitted.map(r => {
    if (r.type !== 'relation') throw new Error(`unexpected ${r.type}`);
    const { source, type, target } = r.relation;
    return `${source.kind}:${source.name} ${type} ${target.kind}:${target.name}`;
  });
}

describe('IotProcessor', () => {
  const processor = new IotProcessor();

  it.each([app, spec, image])('accepts a valid $kind', async entity => {
    await expect(processor.validateEntityKind(entity)).resolves.toBe(true);
  });

  it('accepts apps and specs as the iot database publishes them', async () => {
    const annotations = {
      'backstage.io/managed-by-location': 'iot:database',
      'backstage.io/managed-by-origin-location': 'iot:database',
      'iot.portal/review-status': 'draft',
    };
    const fromDatabase: Entity[] = [
      {
        apiVersion: 'iot.portal/v1alpha1',
        kind: 'IotApp',
        metadata: {
          name: 'smart-parking',
          namespace: 'default',
          title: 'Smart Parking',
          description: 'Guides drivers to free parking bays.',
          annotations,
          tags: ['smart-city', 'parking'],
        },
        spec: {
          owner: 'group:default/isv-acme',
          industry: 'smart-city',
          scenario: 'parking',
        },
      },
      {
        apiVersion: 'iot.portal/v1alpha1',
        kind: 'IotSpec',
        metadata: {
          name: 'smart-parking-standard',
          namespace: 'default',
          title: 'Smart Parking — standard',
          description: 'Public-cloud deployment for up to 5 000 parking bays.',
          annotations,
        },
        spec: {
          owner: 'group:default/isv-acme',
          app: 'iotapp:default/smart-parking',
          type: 'general',
          deployLocation: 'public-cloud',
          allowTrial: true,
          images: [
            { image: 'iotimage:default/parking-server', version: '1.4.2' },
          ],
        },
      },
      {
        apiVersion: 'iot.portal/v1alpha1',
        kind: 'IotSpec',
        metadata: {
          name: 'smart-parking-spec-3fa9c2',
          namespace: 'default',
          title: '标准版 (copy 2)',
          description: '无镜像',
          annotations,
        },
        spec: {
          owner: 'group:default/isv-acme',
          app: 'iotapp:default/smart-parking',
          type: 'experience',
          deployLocation: 'edge-site',
          allowTrial: false,
          images: [],
        },
      },
    ];

    for (const entity of fromDatabase) {
      await expect(processor.validateEntityKind(entity)).resolves.toBe(true);
    }
  });

  it('accepts a listed app with the specs it has on the marketplace (REV-2)', async () => {
    const listed: Entity = {
      ...app,
      metadata: {
        ...app.metadata,
        annotations: { 'iot.portal/review-status': 'approved' },
      },
      spec: {
        ...app.spec,
        listedSpecs: ['iotspec:default/smart-parking-standard'],
      },
    };
    await expect(processor.validateEntityKind(listed)).resolves.toBe(true);
    await expect(
      processor.validateEntityKind({
        ...listed,
        spec: { ...listed.spec, listedSpecs: [42] },
      }),
    ).rejects.toThrow(/listedSpecs/);
  });

  it('ignores kinds that are not ours', async () => {
    const component = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'x' },
      spec: { type: 'service', lifecycle: 'production', owner: 'me' },
    };
    await expect(processor.validateEntityKind(component)).resolves.toBe(false);
    await expect(relationsOf(component)).resolves.toEqual([]);
  });

  it('ignores our kinds under another apiVersion', async () => {
    await expect(
      processor.validateEntityKind({ ...app, apiVersion: 'iot.portal/v9' }),
    ).resolves.toBe(false);
  });

  it.each([
    [
      'an app without industry',
      { ...app, spec: { owner: 'a', scenario: 's' } },
      /industry/,
    ],
    [
      'a spec with an unknown type',
      { ...spec, spec: { ...spec.spec, type: 'deluxe' } },
      /type/,
    ],
    [
      'a spec with an unknown deploy location',
      { ...spec, spec: { ...spec.spec, deployLocation: 'moon' } },
      /deployLocation/,
    ],
    [
      'a spec whose trial flag is a string',
      { ...spec, spec: { ...spec.spec, allowTrial: 'yes' } },
      /allowTrial/,
    ],
    [
      'an image of an unknown kind',
      { ...image, spec: { ...image.spec, imageKind: 'iso' } },
      /imageKind/,
    ],
    [
      'an image version with a negative size',
      {
        ...image,
        spec: {
          ...image.spec,
          versions: [
            {
              version: '1',
              status: 'succeeded',
              sizeBytes: -1,
              uploadedAt: '2026-10-02T09:14:00Z',
            },
          ],
        },
      },
      /sizeBytes/,
    ],
    [
      'an entity with an unknown spec field',
      { ...app, spec: { ...app.spec, colour: 'red' } },
      /colour|additional/,
    ],
  ])('refuses %s and names the field', async (_, entity, message) => {
    await expect(
      processor.validateEntityKind(entity as Entity),
    ).rejects.toThrow(message);
  });

  it('emits owner relations both ways, defaulting to a group in the same namespace', async () => {
    await expect(relationsOf(app)).resolves.toEqual([
      'IotApp:smart-parking ownedBy Group:isv-acme',
      'Group:isv-acme ownerOf IotApp:smart-parking',
    ]);
  });

  it('emits spec partOf app and dependsOn each image, both ways', async () => {
    await expect(relationsOf(spec)).resolves.toEqual([
      'IotSpec:smart-parking-standard ownedBy group:isv-acme',
      'group:isv-acme ownerOf IotSpec:smart-parking-standard',
      'IotSpec:smart-parking-standard partOf IotApp:smart-parking',
      'IotApp:smart-parking hasPart IotSpec:smart-parking-standard',
      'IotSpec:smart-parking-standard dependsOn IotImage:parking-server',
      'IotImage:parking-server dependencyOf IotSpec:smart-parking-standard',
      'IotSpec:smart-parking-standard dependsOn iotimage:parking-db',
      'iotimage:parking-db dependencyOf IotSpec:smart-parking-standard',
    ]);
  });
});
