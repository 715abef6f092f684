import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  PermissionCriteria,
  PermissionCondition,
} from '@backstage/plugin-permission-common';
import {
  IOT_RESOURCE_TYPE,
  iotConditions,
  iotPermissions,
} from '@internal/backstage-plugin-iot-common';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { iotPlugin } from './plugin';
import { openApiDocument } from './schema/openapi';

jest.setTimeout(60_000);

/** Every migration of the plugin: all of them apply at start. */
async function migrationCount(): Promise<number> {
  const files = await fs.readdir(
    resolvePackagePath('@internal/backstage-plugin-iot-backend', 'migrations'),
  );
  return files.filter(file => file.endsWith('.js')).length;
}

const demoEntities = [
  {
    apiVersion: 'iot.portal/v1alpha1',
    kind: 'IotImage',
    metadata: { name: 'parking-server', namespace: 'default' },
    spec: { owner: 'group:default/isv-acme' },
  },
  {
    apiVersion: 'iot.portal/v1alpha1',
    kind: 'IotImage',
    metadata: { name: 'energy-collector', namespace: 'default' },
    spec: { owner: 'group:default/isv-globex' },
  },
];

let imagesDirectory: string;

/**
 * Like a production backend, requests without a token carry no credentials
 * (the plain mock would treat them as the mock user).
 */
function startBackend(
  extraFeatures: Parameters<typeof startTestBackend>[0]['features'] = [],
) {
  return startTestBackend({
    features: [
      iotPlugin,
      mockServices.rootConfig.factory({
        data: { iot: { images: { local: { directory: imagesDirectory } } } },
      }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      catalogServiceMock.factory({ entities: demoEntities }),
      ...(extraFeatures ?? []),
    ],
  });
}

describe('iotPlugin', () => {
  let backend: TestBackend | undefined;

  beforeAll(async () => {
    imagesDirectory = await fs.mkdtemp(path.join(os.tmpdir(), 'iot-plugin-'));
  });

  afterAll(async () => {
    await fs.rm(imagesDirectory, { recursive: true, force: true });
  });

  afterEach(async () => {
    await backend?.stop();
    backend = undefined;
  });

  describe('HTTP access', () => {
    it('answers /health without credentials', async () => {
      backend = await startBackend();

      const response = await request(backend.server).get('/api/iot/health');

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        status: 'ok',
        database: { client: 'sqlite', migrations: await migrationCount() },
      });
    });

    it('refuses /openapi.json without credentials', async () => {
      backend = await startBackend();

      const response = await request(backend.server).get(
        '/api/iot/openapi.json',
      );

      expect(response.status).toBe(401);
      expect(response.body.error.name).toBe('AuthenticationError');
    });

    it('serves /openapi.json to a signed-in user', async () => {
      backend = await startBackend();

      const response = await request(backend.server)
        .get('/api/iot/openapi.json')
        .set('Authorization', mockCredentials.user.header());

      expect(response.status).toBe(200);
      expect(response.body).toEqual(openApiDocument);
    });

    it('refuses unknown paths without credentials, before routing', async () => {
      backend = await startBackend();

      const unknown = await request(backend.server).get(
        '/api/iot/no-such-route',
      );
      const nearHealth = await request(backend.server).get('/api/iot/healthz');

      expect(unknown.status).toBe(401);
      expect(nearHealth.status).toBe(401);
    });

    it('answers unknown paths with 404 once authenticated', async () => {
      backend = await startBackend();

      const response = await request(backend.server)
        .get('/api/iot/no-such-route')
        .set('Authorization', mockCredentials.user.header());

      expect(response.status).toBe(404);
    });
  });

  describe('permission integration', () => {
    it('registers the iot permissions and the isOwner rule', async () => {
      backend = await startBackend();

      const response = await request(backend.server)
        .get('/api/iot/.well-known/backstage/permissions/metadata')
        .set('Authorization', mockCredentials.service.header());

      expect(response.status).toBe(200);
      expect(
        response.body.permissions.map((p: { name: string }) => p.name).sort(),
      ).toEqual(iotPermissions.map(p => p.name).sort());
      expect(response.body.rules).toEqual([
        expect.objectContaining({
          name: 'IS_OWNER',
          resourceType: IOT_RESOURCE_TYPE,
          paramsSchema: expect.objectContaining({
            properties: { claims: expect.objectContaining({ type: 'array' }) },
          }),
        }),
      ]);
    });

    it('evaluates isOwner against catalog entities', async () => {
      backend = await startBackend();
      const acme: PermissionCriteria<PermissionCondition> =
        iotConditions.isOwner({
          claims: ['user:default/alice', 'group:default/isv-acme'],
        });

      const response = await request(backend.server)
        .post('/api/iot/.well-known/backstage/permissions/apply-conditions')
        .set('Authorization', mockCredentials.service.header())
        .send({
          items: [
            'iotimage:default/parking-server',
            'iotimage:default/energy-collector',
            'iotimage:default/missing',
          ].map(resourceRef => ({
            id: resourceRef,
            resourceRef,
            resourceType: IOT_RESOURCE_TYPE,
            conditions: acme,
          })),
        });

      expect(response.status).toBe(200);
      expect(response.body.items).toEqual([
        {
          id: 'iotimage:default/parking-server',
          result: AuthorizeResult.ALLOW,
        },
        {
          id: 'iotimage:default/energy-collector',
          result: AuthorizeResult.DENY,
        },
        { id: 'iotimage:default/missing', result: AuthorizeResult.DENY },
      ]);
    });
  });

  describe('database', () => {
    const databases = TestDatabases.create({
      ids: ['POSTGRES_15', 'SQLITE_3'],
    });

    it.each(databases.eachSupportedId())(
      'migrates at start-up and reports it on %p',
      async databaseId => {
        const knex = await databases.init(databaseId);
        backend = await startBackend([mockServices.database.factory({ knex })]);

        const response = await request(backend.server).get('/api/iot/health');

        expect(response.status).toBe(200);
        expect(response.body).toEqual({
          status: 'ok',
          database: {
            client: databaseId === 'SQLITE_3' ? 'sqlite' : 'pg',
            migrations: await migrationCount(),
          },
        });
        expect(await knex.schema.hasTable('iot_audit_events')).toBe(true);
      },
    );

    it.each(databases.eachSupportedId())(
      'leaves the schema alone when migrations are skipped on %p',
      async databaseId => {
        const knex = await databases.init(databaseId);

        // the plugin needs its tables at start-up (to recover interrupted uploads)
        await expect(
          startBackend([
            mockServices.database.factory({ knex, migrations: { skip: true } }),
          ]),
        ).rejects.toThrow(/iot_image_versions/);
        expect(await knex.schema.hasTable('iot_audit_events')).toBe(false);

        // an operator who skips migrations applies them separately
        await knex.migrate.latest({
          directory: resolvePackagePath(
            '@internal/backstage-plugin-iot-backend',
            'migrations',
          ),
        });
        backend = await startBackend([
          mockServices.database.factory({ knex, migrations: { skip: true } }),
        ]);
        const response = await request(backend.server).get('/api/iot/health');

        expect(response.status).toBe(200);
        expect(response.body.database.migrations).toBe(await migrationCount());
      },
    );
  });
});
