import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { createRouter } from './router';
import { openApiDocument } from './schema/openapi';

describe('createRouter', () => {
  const status = {
    status: 'ok' as const,
    database: { client: 'pg', migrations: 1 },
  };

  function routerOptions(getStatus: jest.Mock = jest.fn()) {
    return {
      health: { getStatus },
      images: {
        maxImageBytes: 1024,
        upload: jest.fn(),
        listImages: jest.fn(),
        getImage: jest.fn(),
        deleteVersion: jest.fn(),
        catalogEntities: jest.fn(),
      },
      apps: {
        taxonomy: jest.fn(),
        createApp: jest.fn(),
        listApps: jest.fn(),
        getApp: jest.fn(),
        updateApp: jest.fn(),
        deleteApp: jest.fn(),
        catalogEntities: jest.fn(),
      },
      specs: {
        createSpec: jest.fn(),
        listSpecs: jest.fn(),
        getSpec: jest.fn(),
        updateSpec: jest.fn(),
        deleteSpec: jest.fn(),
        copySpec: jest.fn(),
        catalogEntities: jest.fn(),
      },
      transfer: { exportSpec: jest.fn(), importSpec: jest.fn() },
      graphs: {
        getGraph: jest.fn(),
        saveGraph: jest.fn(),
        plan: jest.fn(),
        resources: jest.fn(),
        terraform: jest.fn(),
        kubernetesManifests: jest.fn(),
      },
      instances: {
        startDeploymentTest: jest.fn(),
        getInstance: jest.fn(),
        listEvents: jest.fn(),
        listDeploymentTests: jest.fn(),
        uninstall: jest.fn(),
      },
      reviews: {
        checkAllowed: jest.fn(),
        submit: jest.fn(),
        listReviews: jest.fn(),
        findReview: jest.fn(),
        getReview: jest.fn(),
        readImage: jest.fn(),
        isListed: jest.fn(),
        approve: jest.fn(),
        reject: jest.fn(),
        unlist: jest.fn(),
        getListing: jest.fn(),
      },
      httpAuth: mockServices.httpAuth(),
      userInfo: mockServices.userInfo(),
      permissions: mockServices.permissions(),
      permissionsRegistry: mockServices.permissionsRegistry.mock({
        getPermissionRuleset: jest.fn().mockReturnValue({
          getRuleByName: jest.fn(),
        }),
      }),
    };
  }

  async function createApp(getStatus = jest.fn().mockResolvedValue(status)) {
    const app = express();
    app.use(await createRouter(routerOptions(getStatus)));
    app.use(mockErrorHandler());
    return app;
  }

  it('answers /health with the status of the health service', async () => {
    const app = await createApp();

    const response = await request(app).get('/health');

    expect(response.status).toBe(200);
    expect(response.body).toEqual(status);
  });

  it('reports a failing database as a server error', async () => {
    const app = await createApp(
      jest.fn().mockRejectedValue(new Error('connection refused')),
    );

    const response = await request(app).get('/health');

    expect(response.status).toBe(500);
    expect(response.body.error.message).toBe('connection refused');
  });

  it('serves the OpenAPI document', async () => {
    const app = await createApp();

    const response = await request(app).get('/openapi.json');

    expect(response.status).toBe(200);
    expect(response.body).toEqual(openApiDocument);
  });

  it('documents exactly the routes it serves', async () => {
    const router = await createRouter(routerOptions());
    // Express paths (/images/:name) in OpenAPI's form (/images/{name}),
    // including those of routers mounted inside.
    const routesOf = (stack: any[]): string[] =>
      stack.flatMap(layer => {
        if (layer.route) {
          return Object.keys(layer.route.methods).map(
            method =>
              `${method} ${layer.route.path.replace(/:(\w+)/g, '{$1}')}`,
          );
        }
        return layer.handle?.stack ? routesOf(layer.handle.stack) : [];
      });
    const documented = Object.entries(openApiDocument.paths).flatMap(
      ([path, operations]) =>
        Object.keys(operations).map(method => `${method} ${path}`),
    );

    expect(routesOf(router.stack).sort()).toEqual(documented.sort());
  });
});
