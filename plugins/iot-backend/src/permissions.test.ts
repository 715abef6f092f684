import { Entity } from '@backstage/catalog-model';
import { createConditionExports } from '@backstage/plugin-permission-node';
import { iotConditions } from '@internal/backstage-plugin-iot-common';
import { iotResourcePermissionResourceRef, isOwnerRule } from './permissions';

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
