import {
  HttpAuthService,
  PermissionsRegistryService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import express from 'express';
import Router from 'express-promise-router';
import { createAppsRouter } from './apps/createAppsRouter';
import { HealthService } from './health/HealthService';
import { createAuthorizer } from './http/authorizer';
import { createImagesRouter } from './images/createImagesRouter';
import { createInstancesRouter } from './instances/createInstancesRouter';
import { createReviewsRouter } from './review/createReviewsRouter';
import { openApiDocument } from './schema/openapi';
import { createSpecGraphRouter } from './specs/createSpecGraphRouter';
import { createSpecsRouter } from './specs/createSpecsRouter';

/** A domain service that publishes its rows as catalog entities. */
type CatalogSource = { catalogEntities(): Promise<Entity[]> };
type SpecsRouterOptions = Parameters<typeof createSpecsRouter>[0];
type SpecGraphRouterOptions = Parameters<typeof createSpecGraphRouter>[0];
type InstancesRouterOptions = Parameters<typeof createInstancesRouter>[0];
type ReviewsRouterOptions = Parameters<typeof createReviewsRouter>[0];

export async function createRouter(options: {
  health: Pick<HealthService, 'getStatus'>;
  images: Parameters<typeof createImagesRouter>[0]['images'] & CatalogSource;
  apps: Parameters<typeof createAppsRouter>[0]['apps'] &
    SpecsRouterOptions['apps'] &
    CatalogSource;
  specs: SpecsRouterOptions['specs'] & CatalogSource;
  transfer: SpecsRouterOptions['transfer'];
  graphs: SpecGraphRouterOptions['graphs'];
  instances: InstancesRouterOptions['instances'];
  reviews: ReviewsRouterOptions['reviews'];
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
  permissionsRegistry: Pick<PermissionsRegistryService, 'getPermissionRuleset'>;
}): Promise<express.Router> {
  const {
    health,
    images,
    apps,
    specs,
    transfer,
    graphs,
    instances,
    reviews,
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
    const entities = await Promise.all(
      [images, apps, specs].map(source => source.catalogEntities()),
    );
    res.json({ entities: entities.flat() });
  });

  const authorizer = createAuthorizer({
    httpAuth,
    permissions,
    permissionsRegistry,
  });
  // first: its graph bodies may be larger than the others' JSON parsers allow
  router.use(createSpecGraphRouter({ graphs, specs, authorizer, userInfo }));
  router.use(createImagesRouter({ images, authorizer, userInfo }));
  router.use(createAppsRouter({ apps, authorizer, userInfo }));
  router.use(
    createSpecsRouter({ specs, transfer, apps, authorizer, userInfo }),
  );
  router.use(createInstancesRouter({ instances, specs, authorizer, userInfo }));
  router.use(createReviewsRouter({ reviews, apps, authorizer, userInfo }));

  return router;
}
