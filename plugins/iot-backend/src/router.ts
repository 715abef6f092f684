import {
  HttpAuthService,
  PermissionsRegistryService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { HealthService } from './health/HealthService';
import { createImagesRouter } from './images/createImagesRouter';
import { ImagesService } from './images/ImagesService';
import { openApiDocument } from './schema/openapi';

export async function createRouter(options: {
  health: Pick<HealthService, 'getStatus'>;
  images: Parameters<typeof createImagesRouter>[0]['images'] &
    Pick<ImagesService, 'catalogEntities'>;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
  permissionsRegistry: Pick<PermissionsRegistryService, 'getPermissionRuleset'>;
}): Promise<express.Router> {
  const {
    health,
    images,
    httpAuth,
    userInfo,
    permissions,
    permissionsRegistry,
  } = options;
  const router = Router();

  router.get('/health', async (_req, res) => {
    res.json(await health.getStatus());
  });

  router.get('/openapi.json', async (_req, res) => {
    res.json(openApiDocument);
  });

  // The catalog's IoT entity provider syncs from here; services only.
  router.get('/catalog/entities', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    res.json({ entities: await images.catalogEntities() });
  });

  router.use(
    createImagesRouter({
      images,
      httpAuth,
      userInfo,
      permissions,
      permissionsRegistry,
    }),
  );

  return router;
}
