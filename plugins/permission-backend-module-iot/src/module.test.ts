import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionBackend from '@backstage/plugin-permission-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { iotImageCreatePermission } from '@internal/backstage-plugin-iot-common';
import request from 'supertest';
import { permissionModuleIot } from './module';
import { testClaims, testGroups } from './policy/testOrg';

/** Ownership claims per user, as the auth backend would put them in tokens. */
const userInfoFromTestOrg = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials) {
      const userEntityRef = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      const claims = Object.values(testClaims).find(
        c => c[0] === userEntityRef,
      );
      return {
        userEntityRef,
        ownershipEntityRefs: claims ?? [userEntityRef],
      };
    },
  }),
});

describe('permissionModuleIot', () => {
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        permissionBackend,
        permissionModuleIot,
        catalogServiceMock.factory({ entities: testGroups }),
        userInfoFromTestOrg,
      ],
    });
  });

  afterAll(async () => {
    await backend.stop();
  });

  async function authorize(userEntityRef: string) {
    const response = await request(backend.server)
      .post('/api/permission/authorize')
      .set('Authorization', mockCredentials.user.header(userEntityRef))
      .send({ items: [{ id: '1', permission: iotImageCreatePermission }] });
    expect(response.status).toBe(200);
    return response.body.items[0].result;
  }

  it('lets an ISV member upload images through the permission backend', async () => {
    expect(await authorize('user:default/alice')).toBe(AuthorizeResult.ALLOW);
  });

  it('does not let a reviewer upload images', async () => {
    expect(await authorize('user:default/rita')).toBe(AuthorizeResult.DENY);
  });
});
