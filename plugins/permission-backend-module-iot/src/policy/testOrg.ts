import { Entity } from '@backstage/catalog-model';

function group(name: string, type: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type, children: [] },
  };
}

/** The portal's org (catalog/org/groups.yaml) as catalog test data. */
export const testGroups: Entity[] = [
  group('portal', 'organization'),
  group('isv-acme', 'isv'),
  group('isv-globex', 'isv'),
  group('reviewers', 'reviewers'),
  group('si-contoso', 'si'),
  group('si-initech', 'si'),
];

/** Ownership claims of the demo personas, as the auth backend issues them. */
export const testClaims = {
  alice: ['user:default/alice', 'group:default/isv-acme'],
  bob: ['user:default/bob', 'group:default/isv-globex'],
  rita: ['user:default/rita', 'group:default/reviewers'],
  sam: ['user:default/sam', 'group:default/si-contoso'],
  sue: ['user:default/sue', 'group:default/si-initech'],
  guest: ['user:default/guest'],
};
