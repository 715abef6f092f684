import { UserInfoService } from '@backstage/backend-plugin-api';
import {
  InvalidSpecGraphError,
  iotAppUpdatePermission,
  listResourceTypes,
  SpecGraph,
  specGraphSchema,
  validateSpecGraph,
} from '@internal/backstage-plugin-iot-common';
import express from 'express';
import Router from 'express-promise-router';
import { Authorizer } from '../http/authorizer';
import { sendGraphProblems } from '../http/errors';
import { parseInput } from '../http/validation';
import { createSpecAccess } from './specAccess';
import { problemsSummary, SpecGraphService } from './SpecGraphService';
import { SpecsService } from './SpecsService';

/**
 * Bound on a `PUT .../graph` body: a graph of 500 nodes with generous
 * properties, and what import accepts (a manifest of at most 2 MiB).
 */
const MAX_GRAPH_BODY = '2mb';

/**
 * HTTP routes of dependency graphs (SPEC-7): the node types, a spec's graph
 * (read with `iot.app.read`, saved with `iot.app.update`) and what the
 * saved graph becomes (plan, resources, Terraform JSON, Kubernetes
 * manifests). Mount it before the routers whose JSON parser has a smaller
 * limit: the first parser to read a body wins.
 */
export function createSpecGraphRouter(options: {
  graphs: Pick<
    SpecGraphService,
    | 'getGraph'
    | 'saveGraph'
    | 'plan'
    | 'resources'
    | 'terraform'
    | 'kubernetesManifests'
  >;
  specs: Pick<SpecsService, 'getSpec'>;
  authorizer: Authorizer;
  userInfo: UserInfoService;
}): express.Router {
  const { graphs, specs, authorizer, userInfo } = options;
  const router = Router();
  const authorizedSpec = createSpecAccess({ specs, authorizer, userInfo });

  /**
   * `produce(specId)` of a readable spec; 409 with every problem when the
   * saved graph is not valid (imported, or saved before the rules).
   */
  async function fromSavedGraph<T>(
    req: express.Request,
    res: express.Response,
    produce: (specId: string) => Promise<T>,
    send: (result: T) => void,
  ) {
    const { specId } = await authorizedSpec(req);
    let result: T;
    try {
      result = await produce(specId);
    } catch (error) {
      if (error instanceof InvalidSpecGraphError) {
        sendGraphProblems(req, res, {
          statusCode: 409,
          name: 'ConflictError',
          message: `the saved dependency graph of spec ${specId} has ${problemsSummary(
            error.problems,
          )}; open it in the editor, fix them and save`,
          problems: error.problems,
        });
        return;
      }
      throw error;
    }
    send(result);
  }

  router.get('/resource-types', async (req, res) => {
    await authorizer.user(req);
    // the registry changes only with the portal's code
    res.set('Cache-Control', 'private, max-age=3600');
    res.json(listResourceTypes());
  });

  router.get('/specs/:specId/graph', async (req, res) => {
    const { specId } = await authorizedSpec(req);
    const { graph, etag } = await graphs.getGraph(specId);
    // revalidated every time: a matching If-None-Match gets a 304
    res.set({ ETag: etag, 'Cache-Control': 'private, no-cache' });
    res.json(graph);
  });

  router.put(
    '/specs/:specId/graph',
    express.json({ limit: MAX_GRAPH_BODY }),
    async (req, res) => {
      const { specId, userEntityRef } = await authorizedSpec(req, [
        iotAppUpdatePermission,
      ]);
      const ifMatch = req.get('If-Match');
      try {
        const saved = await graphs.saveGraph(
          specId,
          parseGraph(req.body),
          userEntityRef,
          {
            ifMatch: ifMatch?.split(',').map(tag => tag.trim()),
          },
        );
        res.set({ ETag: saved.etag, 'Cache-Control': 'private, no-cache' });
        res.json(saved.graph);
      } catch (error) {
        if (error instanceof InvalidSpecGraphError) {
          sendGraphProblems(req, res, {
            statusCode: 400,
            name: 'InputError',
            message: problemsSummary(error.problems),
            problems: error.problems,
          });
          return;
        }
        throw error;
      }
    },
  );

  router.get('/specs/:specId/plan', async (req, res) => {
    await fromSavedGraph(req, res, graphs.plan.bind(graphs), plan =>
      res.json(plan),
    );
  });

  router.get('/specs/:specId/resources', async (req, res) => {
    await fromSavedGraph(req, res, graphs.resources.bind(graphs), items =>
      res.json({ items }),
    );
  });

  router.get('/specs/:specId/exports/terraform', async (req, res) => {
    await fromSavedGraph(
      req,
      res,
      graphs.terraform.bind(graphs),
      ({ fileName, terraform }) =>
        res
          .type('application/json')
          .set('Content-Disposition', `attachment; filename="${fileName}"`)
          .send(`${JSON.stringify(terraform, null, 2)}\n`),
    );
  });

  router.get('/specs/:specId/exports/kubernetes', async (req, res) => {
    await fromSavedGraph(
      req,
      res,
      graphs.kubernetesManifests.bind(graphs),
      ({ fileName, manifests }) =>
        res
          .type('application/yaml')
          .set('Content-Disposition', `attachment; filename="${fileName}"`)
          .send(manifests),
    );
  });

  return router;
}

/**
 * The body as a graph. One that does not even have a graph's shape is
 * refused like any invalid graph, with its problems (rule `schema`).
 */
function parseGraph(body: unknown): SpecGraph {
  const parsed = specGraphSchema.safeParse(body);
  if (parsed.success) {
    return parsed.data;
  }
  const { problems } = validateSpecGraph(body);
  if (problems.length > 0) {
    throw new InvalidSpecGraphError(problems);
  }
  return parseInput(specGraphSchema, body, 'body');
}
