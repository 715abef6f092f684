import { UserInfoService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  appParamsSchema,
  createAppRequestSchema,
  iotAppCreatePermission,
  iotAppDeletePermission,
  iotAppReadPermission,
  iotAppUpdatePermission,
  listAppsQuerySchema,
  updateAppRequestSchema,
} from '@internal/backstage-plugin-iot-common';
import express from 'express';
import Router from 'express-promise-router';
import { Authorizer } from '../http/authorizer';
import { parseInput } from '../http/validation';
import { appEntityRef } from './appEntity';
import { AppsService } from './AppsService';

/** HTTP routes of apps (APP-1..4); the rules live in the service. */
export function createAppsRouter(options: {
  apps: Pick<
    AppsService,
    'taxonomy' | 'createApp' | 'listApps' | 'getApp' | 'updateApp' | 'deleteApp'
  >;
  authorizer: Authorizer;
  userInfo: UserInfoService;
}): express.Router {
  const { apps, authorizer, userInfo } = options;
  const router = Router();
  router.use(express.json({ limit: '64kb' }));

  /**
   * The app, if it exists and the caller may read it and has `also` on it.
   * One the caller may not read is as missing, so that ids do not leak.
   */
  async function authorizedApp(
    req: express.Request,
    also: ResourcePermission[] = [],
  ) {
    const credentials = await authorizer.user(req);
    const { appId } = parseInput(appParamsSchema, req.params, 'path');
    const notFound = () => new NotFoundError(`no app with id ${appId}`);
    await apps.getApp(appId);
    await authorizer.requireResource(credentials, appEntityRef(appId), {
      read: iotAppReadPermission,
      notFound,
      also,
    });
    const { userEntityRef } = await userInfo.getUserInfo(credentials);
    return { appId, userEntityRef };
  }

  router.get('/app-taxonomy', async (req, res) => {
    await authorizer.user(req);
    res.json(apps.taxonomy());
  });

  router.post('/apps', async (req, res) => {
    const credentials = await authorizer.user(req);
    await authorizer.require(credentials, iotAppCreatePermission);
    const body = parseInput(createAppRequestSchema, req.body, 'body');
    const user = await userInfo.getUserInfo(credentials);
    res.status(201).json(await apps.createApp(body, user));
  });

  router.get('/apps', async (req, res) => {
    const credentials = await authorizer.user(req);
    const query = parseInput(listAppsQuerySchema, req.query, 'query');
    const ownerFilter = await authorizer.readFilter(
      credentials,
      iotAppReadPermission,
    );
    res.json(await apps.listApps({ ...query, ownerFilter }));
  });

  router.get('/apps/:appId', async (req, res) => {
    const { appId } = await authorizedApp(req);
    res.json(await apps.getApp(appId));
  });

  router.patch('/apps/:appId', async (req, res) => {
    const { appId, userEntityRef } = await authorizedApp(req, [
      iotAppUpdatePermission,
    ]);
    const changes = parseInput(updateAppRequestSchema, req.body, 'body');
    res.json(await apps.updateApp(appId, changes, userEntityRef));
  });

  router.delete('/apps/:appId', async (req, res) => {
    const { appId, userEntityRef } = await authorizedApp(req, [
      iotAppDeletePermission,
    ]);
    await apps.deleteApp(appId, userEntityRef);
    res.status(204).end();
  });

  return router;
}
