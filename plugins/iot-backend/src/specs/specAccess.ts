import { UserInfoService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  iotAppReadPermission,
  specParamsSchema,
} from '@internal/backstage-plugin-iot-common';
import express from 'express';
import { Authorizer } from '../http/authorizer';
import { parseInput } from '../http/validation';
import { specEntityRef } from './specEntity';
import { SpecsService } from './SpecsService';

/**
 * The check of the spec routes: the spec of the path must exist and be
 * readable by the caller (else 404, so that ids do not leak), and the
 * caller must hold each of `also` on it (else 403 naming the missing one).
 */
export function createSpecAccess(options: {
  specs: Pick<SpecsService, 'getSpec'>;
  authorizer: Authorizer;
  userInfo: UserInfoService;
}) {
  const { specs, authorizer, userInfo } = options;
  return async function authorizedSpec(
    req: express.Request,
    also: ResourcePermission[] = [],
  ): Promise<{ specId: string; userEntityRef: string }> {
    const credentials = await authorizer.user(req);
    const { specId } = parseInput(specParamsSchema, req.params, 'path');
    await specs.getSpec(specId);
    await authorizer.requireResource(credentials, specEntityRef(specId), {
      read: iotAppReadPermission,
      notFound: () => new NotFoundError(`no spec with id ${specId}`),
      also,
    });
    const { userEntityRef } = await userInfo.getUserInfo(credentials);
    return { specId, userEntityRef };
  };
}
