import express from 'express';
import Router from 'express-promise-router';
import { HealthService } from './health/HealthService';
import { openApiDocument } from './schema/openapi';

export async function createRouter(options: {
  health: Pick<HealthService, 'getStatus'>;
}): Promise<express.Router> {
  const { health } = options;
  const router = Router();

  router.get('/health', async (_req, res) => {
    res.json(await health.getStatus());
  });

  router.get('/openapi.json', async (_req, res) => {
    res.json(openApiDocument);
  });

  return router;
}
