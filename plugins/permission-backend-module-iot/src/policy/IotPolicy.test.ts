import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  catalogEntityCreatePermission,
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
  catalogLocationReadPermission,
} from '@backstage/plugin-catalog-common/alpha';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  createPermission,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  iotAppCreatePermission,
  iotAppDeletePermission,
  iotAppReadPermission,
  iotAppSubmitPermission,
  iotAppUpdatePermission,
  iotDeviceManagePermission,
  iotImageCreatePermission,
  iotImageDeletePermission,
  iotImageReadPermission,
  iotMarketplaceReadPermission,
  iotPermissions,
  iotReviewDecidePermission,
  iotReviewReadPermission,
  iotSubscriptionCreatePermission,
} from '@internal/backstage-plugin-iot-common';
import { IotPolicy } from './IotPolicy';
import { CatalogRoleResolver } from './roles';
import { testClaims, testGroups } from './testOrg';

function userOf(claims: string[]): PolicyQueryUser {
  return {
    credentials: mockCredentials.user(claims[0]),
    info: { userEntityRef: claims[0], ownershipEntityRefs: claims },
  };
}

const personas = {
  isv: userOf(testClaims.alice),
  reviewer: userOf(testClaims.rita),
  si: userOf(testClaims.sam),
  other: userOf(testClaims.guest),
  none: undefined,
};
type Persona = keyof typeof personas;
const personaNames = Object.keys(personas) as Persona[];

/**
 * Expected decision kinds: Allow, Deny, iot isOwner, catalog isEntityOwner,
 * catalog read of iot entities limited to owners and listed apps.
 */
type Expected = 'A' | 'D' | 'owner' | 'catalogOwner' | 'catalogIotRead';

function policy() {
  return new IotPolicy({
    roles: new CatalogRoleResolver({
      catalog: catalogServiceMock({ entities: testGroups }),
      auth: mockServices.auth(),
    }),
    logger: mockServices.logger.mock(),
  });
}

function expectedDecision(
  expected: Expected,
  persona: Persona,
): PolicyDecision {
  const claims = personas[persona]?.info.ownershipEntityRefs ?? [];
  switch (expected) {
    case 'A':
      return { result: AuthorizeResult.ALLOW };
    case 'D':
      return { result: AuthorizeResult.DENY };
    case 'owner':
      return {
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'iot',
        resourceType: 'iot-resource',
        conditions: {
          rule: 'IS_OWNER',
          resourceType: 'iot-resource',
          params: { claims },
        },
      };
    case 'catalogIotRead':
      return {
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          anyOf: [
            {
              not: {
                rule: 'IS_ENTITY_KIND',
                resourceType: 'catalog-entity',
                params: { kinds: ['IotApp', 'IotSpec', 'IotImage'] },
              },
            },
            {
              rule: 'IS_ENTITY_OWNER',
              resourceType: 'catalog-entity',
              params: { claims },
            },
            {
              allOf: [
                {
                  rule: 'IS_ENTITY_KIND',
                  resourceType: 'catalog-entity',
                  params: { kinds: ['IotApp', 'IotSpec'] },
                },
                {
                  rule: 'HAS_ANNOTATION',
                  resourceType: 'catalog-entity',
                  params: {
                    annotation: 'iot.portal/review-status',
                    value: 'approved',
                  },
                },
              ],
            },
          ],
        },
      };
    default:
      return {
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          resourceType: 'catalog-entity',
          params: { claims },
        },
      };
  }
}

const unknownIotPermission = createPermission({
  name: 'iot.instance.create',
  attributes: { action: 'create' },
});
const searchPermission = createPermission({
  name: 'search.query',
  attributes: { action: 'read' },
});
const scaffolderPermission = createPermission({
  name: 'scaffolder.task.create',
  attributes: { action: 'create' },
});
const notificationsPermission = createPermission({
  name: 'notifications.send',
  attributes: { action: 'create' },
});

// Columns: isv (alice), reviewer (rita), si (sam), other signed-in user, no user.
const table: Array<
  [Permission, [Expected, Expected, Expected, Expected, Expected]]
> = [
  [iotImageCreatePermission, ['A', 'D', 'D', 'D', 'D']],
  [iotAppCreatePermission, ['A', 'D', 'D', 'D', 'D']],
  [iotImageReadPermission, ['owner', 'A', 'D', 'D', 'D']],
  [iotAppReadPermission, ['owner', 'A', 'D', 'D', 'D']],
  [iotImageDeletePermission, ['owner', 'D', 'D', 'D', 'D']],
  [iotAppUpdatePermission, ['owner', 'D', 'D', 'D', 'D']],
  [iotAppDeletePermission, ['owner', 'D', 'D', 'D', 'D']],
  [iotAppSubmitPermission, ['owner', 'D', 'D', 'D', 'D']],
  [iotReviewReadPermission, ['owner', 'A', 'D', 'D', 'D']],
  [iotReviewDecidePermission, ['D', 'A', 'D', 'D', 'D']],
  [iotMarketplaceReadPermission, ['A', 'A', 'A', 'A', 'D']],
  [iotSubscriptionCreatePermission, ['D', 'D', 'A', 'D', 'D']],
  [iotDeviceManagePermission, ['D', 'D', 'A', 'D', 'D']],
  [unknownIotPermission, ['D', 'D', 'D', 'D', 'D']],
  [
    catalogEntityDeletePermission,
    [
      'catalogOwner',
      'catalogOwner',
      'catalogOwner',
      'catalogOwner',
      'catalogOwner',
    ],
  ],
  [
    catalogEntityRefreshPermission,
    [
      'catalogOwner',
      'catalogOwner',
      'catalogOwner',
      'catalogOwner',
      'catalogOwner',
    ],
  ],
  [catalogEntityCreatePermission, ['D', 'A', 'D', 'D', 'D']],
  [catalogLocationCreatePermission, ['D', 'A', 'D', 'D', 'D']],
  [catalogLocationDeletePermission, ['D', 'A', 'D', 'D', 'D']],
  [
    catalogEntityReadPermission,
    ['catalogIotRead', 'A', 'catalogIotRead', 'catalogIotRead', 'A'],
  ],
  [catalogLocationReadPermission, ['A', 'A', 'A', 'A', 'A']],
  [searchPermission, ['A', 'A', 'A', 'A', 'A']],
  [scaffolderPermission, ['A', 'A', 'A', 'A', 'A']],
  [notificationsPermission, ['A', 'A', 'A', 'A', 'A']],
];

const cases = table.flatMap(([permission, expectations]) =>
  personaNames.map(
    persona =>
      [
        permission.name,
        persona,
        permission,
        expectations[personaNames.indexOf(persona)],
      ] as const,
  ),
);

describe('IotPolicy', () => {
  it('covers every iot permission in the table', () => {
    const covered = table.map(([permission]) => permission.name);

    expect(covered).toEqual(
      expect.arrayContaining(iotPermissions.map(p => p.name)),
    );
  });

  it.each(cases)('%s for %s', async (_name, persona, permission, expected) => {
    const decision = await policy().handle({ permission }, personas[persona]);

    expect(decision).toEqual(expectedDecision(expected, persona));
  });

  it('lets a member of both an ISV and the reviewers read any image', async () => {
    const user = userOf([...testClaims.bob, 'group:default/reviewers']);

    await expect(
      policy().handle({ permission: iotImageReadPermission }, user),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    await expect(
      policy().handle({ permission: iotAppDeletePermission }, user),
    ).resolves.toEqual(
      expect.objectContaining({ result: AuthorizeResult.CONDITIONAL }),
    );
  });

  it('denies an owner-only permission that arrives without its resource type', async () => {
    const basicDelete = createPermission({
      name: iotImageDeletePermission.name,
      attributes: { action: 'delete' },
    });

    await expect(
      policy().handle({ permission: basicDelete }, personas.isv),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  it('fails rather than guessing when the catalog cannot be asked', async () => {
    const catalog = catalogServiceMock({ entities: testGroups });
    jest
      .spyOn(catalog, 'getEntitiesByRefs')
      .mockRejectedValue(new Error('catalog unavailable'));
    const failing = new IotPolicy({
      roles: new CatalogRoleResolver({ catalog, auth: mockServices.auth() }),
      logger: mockServices.logger.mock(),
    });

    await expect(
      failing.handle({ permission: iotImageCreatePermission }, personas.isv),
    ).rejects.toThrow('catalog unavailable');
    // Permissions that need no roles keep working.
    await expect(
      failing.handle(
        { permission: iotMarketplaceReadPermission },
        personas.isv,
      ),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    await expect(
      failing.handle({ permission: searchPermission }, personas.isv),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });
});
