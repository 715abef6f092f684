import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { authModulePersonaProvider } from './module';

const alice = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'alice', namespace: 'default' },
  spec: {
    profile: { displayName: 'Alice Andersen', email: 'alice@acme.example' },
    memberOf: ['isv-acme'],
  },
  relations: [{ type: 'memberOf', targetRef: 'group:default/isv-acme' }],
};

const localConfig = {
  app: { baseUrl: 'http://localhost:3000' },
  backend: { baseUrl: 'http://localhost:7007' },
  auth: {
    environment: 'development',
    omitIdentityTokenOwnershipClaim: false,
    providers: { persona: {} },
  },
};

function startBackend(data: object) {
  return startTestBackend({
    features: [
      authPlugin,
      authModulePersonaProvider,
      catalogServiceMock.factory({ entities: [alice] }),
      mockServices.rootConfig.factory({ data }),
    ],
  });
}

function decodePayload(token: string) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

describe('authModulePersonaProvider', () => {
  describe('when auth.providers.persona is configured', () => {
    let backend: Awaited<ReturnType<typeof startBackend>>;

    beforeAll(async () => {
      backend = await startBackend(localConfig);
    });

    afterAll(async () => {
      await backend.stop();
    });

    it('signs in as the persona from ?user= with its groups', async () => {
      const res = await request(backend.server)
        .get('/api/auth/persona/refresh?user=alice')
        .set('X-Requested-With', 'XMLHttpRequest');

      expect(res.status).toBe(200);
      expect(res.body.profile).toEqual({
        displayName: 'Alice Andersen',
        email: 'alice@acme.example',
      });
      const { identity, token } = res.body.backstageIdentity;
      expect(identity.userEntityRef).toBe('user:default/alice');
      expect(identity.ownershipEntityRefs).toEqual(
        expect.arrayContaining(['user:default/alice', 'group:default/isv-acme']),
      );
      const payload = decodePayload(token);
      expect(payload.sub).toBe('user:default/alice');
      expect(payload.ent).toContain('group:default/isv-acme');
    });

    it('reads the persona from the x-backstage-persona header', async () => {
      const res = await request(backend.server)
        .get('/api/auth/persona/refresh')
        .set('X-Requested-With', 'XMLHttpRequest')
        .set('x-backstage-persona', 'alice');

      expect(res.status).toBe(200);
      expect(decodePayload(res.body.backstageIdentity.token).sub).toBe(
        'user:default/alice',
      );
    });

    it('answers 401 naming a user who is not in the catalog', async () => {
      const res = await request(backend.server)
        .get('/api/auth/persona/refresh?user=mallory')
        .set('X-Requested-With', 'XMLHttpRequest');

      expect(res.status).toBe(401);
      expect(res.body.error.message).toMatch(
        /User 'mallory' is not in the catalog/,
      );
    });

    it('answers 401 explaining how to pass a persona when none is given', async () => {
      const res = await request(backend.server)
        .get('/api/auth/persona/refresh')
        .set('X-Requested-With', 'XMLHttpRequest');

      expect(res.status).toBe(401);
      expect(res.body.error.message).toMatch(
        /No persona given: pass the catalog User name in the 'x-backstage-persona' header or as '\?user=<name>'/,
      );
    });

    it('answers 400 for a persona that cannot be a user name', async () => {
      const res = await request(backend.server)
        .get('/api/auth/persona/refresh')
        .query({ user: 'alice/../admin' })
        .set('X-Requested-With', 'XMLHttpRequest');

      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        /persona must be a catalog User name such as 'alice'; got 'alice\/..\/admin'/,
      );
    });
  });

  it('does not register the provider when auth.providers.persona is absent', async () => {
    const backend = await startBackend({
      ...localConfig,
      auth: { environment: 'production' },
    });

    const res = await request(backend.server)
      .get('/api/auth/persona/refresh?user=alice')
      .set('X-Requested-With', 'XMLHttpRequest');

    expect(res.status).toBe(404);
    await backend.stop();
  });

  it('refuses to start when auth.environment is production', async () => {
    await expect(
      startBackend({
        ...localConfig,
        auth: { ...localConfig.auth, environment: 'production' },
      }),
    ).rejects.toThrow(
      /Refusing to start the persona auth provider because auth.environment is production: it lets anyone who can reach the backend sign in as any catalog user/,
    );
  });

  describe('when NODE_ENV is production', () => {
    const nodeEnv = process.env.NODE_ENV;

    beforeEach(() => {
      process.env.NODE_ENV = 'production';
    });

    afterEach(() => {
      process.env.NODE_ENV = nodeEnv;
    });

    it('refuses to start', async () => {
      await expect(startBackend(localConfig)).rejects.toThrow(
        /Refusing to start the persona auth provider because NODE_ENV is production/,
      );
    });

    it('starts when allowInProduction is set', async () => {
      const backend = await startBackend({
        ...localConfig,
        auth: {
          ...localConfig.auth,
          environment: 'production',
          providers: { persona: { allowInProduction: true } },
        },
      });

      const res = await request(backend.server)
        .get('/api/auth/persona/refresh?user=alice')
        .set('X-Requested-With', 'XMLHttpRequest');

      expect(res.status).toBe(200);
      await backend.stop();
    });
  });
});
