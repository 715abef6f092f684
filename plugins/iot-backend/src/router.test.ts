import { mockErrorHandler } from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { createRouter } from './router';
import { openApiDocument } from './schema/openapi';

describe('createRouter', () => {
  const status = {
    status: 'ok' as const,
    database: { client: 'pg', migrations: 1 },
  };

  async function createApp(getStatus = jest.fn().mockResolvedValue(status)) {
    const app = express();
    app.use(await createRouter({ health: { getStatus } }));
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
    const router = await createRouter({
      health: { getStatus: jest.fn() },
    });
    const served = router.stack.flatMap(layer =>
      layer.route
        ? Object.keys((layer.route as any).methods).map(
            method => `${method} ${layer.route!.path}`,
          )
        : [],
    );
    const documented = Object.entries(openApiDocument.paths).flatMap(
      ([path, operations]) =>
        Object.keys(operations).map(method => `${method} ${path}`),
    );

    expect(served.sort()).toEqual(documented.sort());
  });
});
