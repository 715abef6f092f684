import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CatalogRoleResolver } from './roles';
import { testClaims, testGroups } from './testOrg';

describe('CatalogRoleResolver', () => {
  function setup() {
    const catalog = catalogServiceMock({ entities: testGroups });
    const getEntitiesByRefs = jest.spyOn(catalog, 'getEntitiesByRefs');
    let now = 1_000_000;
    const resolver = new CatalogRoleResolver({
      catalog,
      auth: mockServices.auth(),
      now: () => now,
    });
    return {
      resolver,
      getEntitiesByRefs,
      advance: (ms: number) => {
        now += ms;
      },
    };
  }

  it.each([
    ['alice', testClaims.alice, ['isv']],
    ['rita', testClaims.rita, ['reviewers']],
    ['sam', testClaims.sam, ['si']],
    ['a user without groups', testClaims.guest, []],
    [
      'a member of several groups',
      [...testClaims.bob, 'group:default/reviewers', 'group:default/portal'],
      ['isv', 'reviewers'],
    ],
    ['a member of an unknown group', ['group:default/nowhere'], []],
  ])('gives %s the roles of their groups', async (_who, claims, roles) => {
    const { resolver } = setup();

    expect([...(await resolver.rolesOf(claims))].sort()).toEqual(roles);
  });

  it('asks the catalog for groups only, with service credentials', async () => {
    const { resolver, getEntitiesByRefs } = setup();

    await resolver.rolesOf(testClaims.alice);

    expect(getEntitiesByRefs).toHaveBeenCalledTimes(1);
    expect(getEntitiesByRefs).toHaveBeenCalledWith(
      expect.objectContaining({ entityRefs: ['group:default/isv-acme'] }),
      {
        credentials: expect.objectContaining({
          principal: expect.objectContaining({ type: 'service' }),
        }),
      },
    );
  });

  it('does not call the catalog when there are no group claims', async () => {
    const { resolver, getEntitiesByRefs } = setup();

    await resolver.rolesOf(testClaims.guest);

    expect(getEntitiesByRefs).not.toHaveBeenCalled();
  });

  it('caches group types for 30 seconds', async () => {
    const { resolver, getEntitiesByRefs, advance } = setup();

    await resolver.rolesOf(testClaims.alice);
    advance(29_000);
    await resolver.rolesOf(testClaims.alice);
    expect(getEntitiesByRefs).toHaveBeenCalledTimes(1);

    // Only the group that is not cached yet is looked up.
    await resolver.rolesOf([...testClaims.alice, 'group:default/reviewers']);
    expect(getEntitiesByRefs).toHaveBeenCalledTimes(2);
    expect(getEntitiesByRefs).toHaveBeenLastCalledWith(
      expect.objectContaining({ entityRefs: ['group:default/reviewers'] }),
      expect.anything(),
    );

    advance(1_000);
    await resolver.rolesOf(testClaims.alice);
    expect(getEntitiesByRefs).toHaveBeenCalledTimes(3);
  });

  it('lets catalog failures through instead of guessing roles', async () => {
    const { resolver, getEntitiesByRefs } = setup();
    getEntitiesByRefs.mockRejectedValueOnce(new Error('catalog unavailable'));

    await expect(resolver.rolesOf(testClaims.alice)).rejects.toThrow(
      'catalog unavailable',
    );
  });
});
