import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createConditionExports } from '@backstage/plugin-permission-node';
import { iotConditions } from '@internal/backstage-plugin-iot-common';
import {
  createIotResourceType,
  iotResourcePermissionResourceRef,
  isOwnerRule,
} from './permissions';

function image(owner: unknown, namespace?: string): Entity {
  return {
    apiVersion: 'iot.portal/v1alpha1',
    kind: 'IotImage',
    metadata: { name: 'parking-server', namespace },
    spec: { owner },
  } as Entity;
}

describe('isOwnerRule', () => {
  const acme = { claims: ['user:default/alice', 'group:default/isv-acme'] };

  it.each([
    ['a full group ref', 'group:default/isv-acme', true],
    ['a ref without kind and namespace', 'isv-acme', true],
    ['a ref in another case', 'Group:default/ISV-Acme', true],
    ['another group', 'group:default/isv-globex', false],
    ['the same name in another namespace', 'group:partners/isv-acme', false],
    ['the same name of another kind', 'user:default/isv-acme', false],
    ['no owner', undefined, false],
    ['an empty owner', '', false],
    ['a non-string owner', ['group:default/isv-acme'], false],
  ])('applies to a resource owned by %s: %p', (_what, owner, expected) => {
    expect(isOwnerRule.apply(image(owner), acme)).toBe(expected);
  });

  it('resolves a short owner in the namespace of the resource', () => {
    expect(
      isOwnerRule.apply(image('isv-acme', 'partners'), {
        claims: ['group:partners/isv-acme'],
      }),
    ).toBe(true);
  });

  it('matches nothing without claims', () => {
    expect(
      isOwnerRule.apply(image('group:default/isv-acme'), { claims: [] }),
    ).toBe(false);
  });

  it('turns into a filter on the owner ref', () => {
    expect(
      isOwnerRule.toQuery({
        claims: ['Group:default/ISV-Acme', 'user:default/alice'],
      }),
    ).toEqual({
      key: 'owner',
      values: ['group:default/isv-acme', 'user:default/alice'],
    });
  });

  it('produces the conditions that iot-common hands to policies', () => {
    const { conditions } = createConditionExports({
      resourceRef: iotResourcePermissionResourceRef,
      rules: { isOwner: isOwnerRule },
    });
    const params = { claims: ['group:default/isv-acme'] };

    expect(iotConditions.isOwner(params)).toEqual(conditions.isOwner(params));
  });
});

describe('createIotResourceType', () => {
  const entity = (kind: string, name: string, owner: string): Entity => ({
    apiVersion: 'iot.portal/v1alpha1',
    kind,
    metadata: { name, namespace: 'default' },
    spec: { owner },
  });
  const fromDatabase = {
    images: {
      findImageEntity: async (name: string) =>
        name === 'parking-server'
          ? entity('IotImage', name, 'group:default/isv-acme')
          : undefined,
    },
    apps: {
      findAppEntity: async (id: string) =>
        id === 'smart-parking'
          ? entity('IotApp', id, 'group:default/isv-acme')
          : undefined,
    },
    specs: {
      findSpecEntity: async (id: string) =>
        id === 'smart-parking-standard'
          ? entity('IotSpec', id, 'group:default/isv-acme')
          : undefined,
    },
    instances: {
      findInstanceEntity: async (id: string) =>
        id === 'inst-aaaaaaaaaaaaaaaaaaaa'
          ? entity('IotInstance', id, 'group:default/isv-acme')
          : undefined,
    },
  };

  it('loads images, apps, specs and instances from the database first, the rest from the catalog', async () => {
    const inCatalog = entity('IotApp', 'from-yaml', 'group:default/isv-globex');
    const { getResources } = createIotResourceType({
      ...fromDatabase,
      catalog: catalogServiceMock({ entities: [inCatalog] }),
      auth: mockServices.auth(),
    });

    const resources = await getResources!([
      'iotapp:default/smart-parking',
      'iotspec:default/smart-parking-standard',
      'iotimage:default/parking-server',
      'iotinstance:default/inst-aaaaaaaaaaaaaaaaaaaa',
      'iotapp:default/from-yaml',
      'iotapp:other/smart-parking',
      'iotspec:default/missing',
      'not a ref',
    ]);

    expect(
      resources.map(
        resource => resource && `${resource.kind}:${resource.metadata.name}`,
      ),
    ).toEqual([
      'IotApp:smart-parking',
      'IotSpec:smart-parking-standard',
      'IotImage:parking-server',
      'IotInstance:inst-aaaaaaaaaaaaaaaaaaaa',
      'IotApp:from-yaml',
      undefined,
      undefined,
      undefined,
    ]);
  });
});
