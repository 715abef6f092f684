import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';

function group(name: string, type: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type, children: [] },
  };
}

/** The portal's org (catalog/org/groups.yaml). */
export const testGroups: Entity[] = [
  group('portal', 'organization'),
  group('isv-acme', 'isv'),
  group('isv-globex', 'isv'),
  group('isv-initial', 'isv'),
  group('reviewers', 'reviewers'),
  group('si-contoso', 'si'),
];

/** Ownership claims per persona, as the auth backend puts them in tokens. */
export const testClaims: Record<string, string[]> = {
  alice: ['user:default/alice', 'group:default/isv-acme'],
  bob: ['user:default/bob', 'group:default/isv-globex'],
  rita: ['user:default/rita', 'group:default/reviewers'],
  sam: ['user:default/sam', 'group:default/si-contoso'],
  // an Acme developer who also reviews for the marketplace
  ada: [
    'user:default/ada',
    'group:default/isv-acme',
    'group:default/reviewers',
  ],
  // a consultant working for two vendors
  carol: [
    'user:default/carol',
    'group:default/isv-acme',
    'group:default/isv-initial',
  ],
};

/** The user a service call gets for a persona. */
export function uploaderOf(persona: keyof typeof testClaims) {
  return {
    userEntityRef: `user:default/${persona}`,
    ownershipEntityRefs: testClaims[persona],
  };
}

/** `coreServices.userInfo` answering with {@link testClaims}. */
export const userInfoFromTestOrg = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials) {
      const userEntityRef = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      const persona = userEntityRef.replace('user:default/', '');
      return {
        userEntityRef,
        ownershipEntityRefs: testClaims[persona] ?? [userEntityRef],
      };
    },
  }),
});
