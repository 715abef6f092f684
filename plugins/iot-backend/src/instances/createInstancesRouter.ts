import { UserInfoService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  instanceParamsSchema,
  InvalidSpecGraphError,
  iotAppReadPermission,
  iotAppUpdatePermission,
  listDeploymentTestsQuerySchema,
  listInstanceEventsQuerySchema,
  StartDeploymentTestResponse,
} from '@internal/backstage-plugin-iot-common';
import express from 'express';
import Router from 'express-promise-router';
import { Authorizer } from '../http/authorizer';
import { sendGraphProblems } from '../http/errors';
import { parseInput } from '../http/validation';
import { createSpecAccess } from '../specs/specAccess';
import { problemsSummary } from '../specs/SpecGraphService';
import { SpecsService } from '../specs/SpecsService';
import { instanceEntityRef } from './instanceEntity';
import { InstancesService } from './InstancesService';

/**
 * HTTP routes of deployments (SPEC-8): deployment tests of a spec (started
 * with `iot.app.update` on it, listed with `iot.app.read`) and instances.
 * An instance is authorized as its own resource, owned by the spec's group:
 * `iot.app.read` sees it (owners and reviewers; others get 404),
 * `iot.app.update` uninstalls it and sees its passwords.
 */
export function createInstancesRouter(options: {
  instances: Pick<
    InstancesService,
    | 'startDeploymentTest'
    | 'getInstance'
    | 'listEvents'
    | 'listDeploymentTests'
    | 'uninstall'
  >;
  specs: Pick<SpecsService, 'getSpec'>;
  authorizer: Authorizer;
  userInfo: UserInfoService;
}): express.Router {
  const { instances, specs, authorizer, userInfo } = options;
  const router = Router();
  const authorizedSpec = createSpecAccess({ specs, authorizer, userInfo });

  /** The instance of the path, readable by the caller (else 404) and allowed `also` (else 403). */
  async function authorizedInstance(
    req: express.Request,
    also: ResourcePermission[] = [],
  ) {
    const credentials = await authorizer.user(req);
    const { instanceId } = parseInput(instanceParamsSchema, req.params, 'path');
    const resourceRef = instanceEntityRef(instanceId);
    await authorizer.requireResource(credentials, resourceRef, {
      read: iotAppReadPermission,
      notFound: () => new NotFoundError(`no instance with id ${instanceId}`),
      also,
    });
    const { userEntityRef } = await userInfo.getUserInfo(credentials);
    return { instanceId, resourceRef, credentials, userEntityRef };
  }

  router.post('/specs/:specId/deployment-tests', async (req, res) => {
    const { specId, userEntityRef } = await authorizedSpec(req, [
      iotAppUpdatePermission,
    ]);
    try {
      const instance = await instances.startDeploymentTest(
        specId,
        userEntityRef,
      );
      const body: StartDeploymentTestResponse = { instanceId: instance.id };
      res.status(202).json(body);
    } catch (error) {
      if (error instanceof InvalidSpecGraphError) {
        sendGraphProblems(req, res, {
          statusCode: 409,
          name: 'ConflictError',
          message: `the saved dependency graph of spec ${specId} has ${problemsSummary(
            error.problems,
          )}; open it in the editor, fix them and save before testing a deployment`,
          problems: error.problems,
        });
        return;
      }
      throw error;
    }
  });

  router.get('/specs/:specId/deployment-tests', async (req, res) => {
    const { specId } = await authorizedSpec(req);
    const query = parseInput(
      listDeploymentTestsQuerySchema,
      req.query,
      'query',
    );
    res.json(await instances.listDeploymentTests(specId, query));
  });

  router.get('/instances/:instanceId', async (req, res) => {
    const { instanceId, resourceRef, credentials } = await authorizedInstance(
      req,
    );
    const owner = await authorizer.allows(
      credentials,
      iotAppUpdatePermission,
      resourceRef,
    );
    // the owner's answer holds passwords
    res.set('Cache-Control', 'no-store');
    res.json(await instances.getInstance(instanceId, { withSecrets: owner }));
  });

  router.get('/instances/:instanceId/events', async (req, res) => {
    const { instanceId } = await authorizedInstance(req);
    const query = parseInput(listInstanceEventsQuerySchema, req.query, 'query');
    res.json(await instances.listEvents(instanceId, query));
  });

  router.delete('/instances/:instanceId', async (req, res) => {
    const { instanceId, userEntityRef } = await authorizedInstance(req, [
      iotAppUpdatePermission,
    ]);
    res.status(202).json(await instances.uninstall(instanceId, userEntityRef));
  });

  return router;
}
