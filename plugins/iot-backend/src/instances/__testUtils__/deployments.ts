import { mockServices } from '@backstage/backend-test-utils';
import {
  exampleSpecGraph,
  InstanceStatus,
  SpecGraph,
  validateSpecGraph,
} from '@internal/backstage-plugin-iot-common';
import { Knex } from 'knex';
import { AuditStore } from '../../audit/AuditStore';
import { DeploymentEngine } from '../DeploymentEngine';
import { DEFAULT_ENGINE_OPTIONS, EngineOptions } from '../engineOptions';
import { InstancesService } from '../InstancesService';
import { InstanceRecord, InstancesStore } from '../InstancesStore';
import { SandboxOptions, SandboxProvider } from '../sandbox/SandboxProvider';
import { SandboxStore } from '../sandbox/SandboxStore';
import { SecretBox } from '../SecretBox';

/** The key tests seal secrets with. */
export const TEST_SECRET_KEY = 'a test key that is long enough';

/** Engine options for tests: fast retries and leases. */
export function testEngineOptions(
  overrides: Partial<EngineOptions> = {},
): EngineOptions {
  return {
    ...DEFAULT_ENGINE_OPTIONS,
    leaseMs: 3000,
    attemptTimeoutMs: 5000,
    retry: { maxAttempts: 4, initialDelayMs: 5, maxDelayMs: 20 },
    ...overrides,
  };
}

/** exampleSpecGraph with extra properties on some of its nodes (e.g. `x-fault`). */
export function exampleWith(
  extra: Record<string, Record<string, unknown>>,
): SpecGraph {
  const graph = exampleSpecGraph();
  return {
    ...graph,
    nodes: graph.nodes.map(node =>
      extra[node.id]
        ? { ...node, properties: { ...node.properties, ...extra[node.id] } }
        : node,
    ),
  };
}

/**
 * The deployment engine on a test database with the sandbox provider, as
 * plugin.ts wires it, and the instances service in front of it with specs
 * that are whatever graph a test deploys (owned by isv-acme).
 */
export async function createDeployments(
  knex: Knex,
  options: {
    sandbox?: Partial<SandboxOptions>;
    engine?: Partial<EngineOptions>;
    engineId?: string;
    /** false: instances are only stored, for other engines (or processes) to run. */
    run?: boolean;
  } = {},
) {
  const database = mockServices.database({ knex });
  const store = await InstancesStore.create({ database });
  const sandbox = new SandboxProvider(await SandboxStore.create({ database }), {
    latencyFactor: 0,
    quotas: {},
    faults: [],
    ...options.sandbox,
  });
  const secrets = new SecretBox(TEST_SECRET_KEY);
  const graphs = new Map<string, SpecGraph>();
  const recorded: Array<{
    specId: string;
    status: string;
    passedGraphEtag?: string;
  }> = [];
  const engineOptions = testEngineOptions(options.engine);
  const engine = new DeploymentEngine({
    store,
    provider: sandbox,
    secrets,
    options: engineOptions,
    logger: mockServices.logger.mock(),
    engineId: options.engineId,
  });
  const service = new InstancesService({
    store,
    engine: options.run === false ? { kick: () => {} } : engine,
    specs: {
      async getSpecWithGraph(specId: string) {
        return {
          spec: { id: specId, name: specId, owner: 'group:default/isv-acme' },
          graph: graphs.get(specId) ?? exampleSpecGraph(),
        } as any;
      },
      async recordDeploymentTest(specId, test, passedGraphEtag) {
        recorded.push({ specId, status: test.status, passedGraphEtag });
      },
    },
    graphs: { problemsOf: async graph => validateSpecGraph(graph).problems },
    secrets,
    audit: await AuditStore.create({ database }),
    providerId: sandbox.id,
  });
  engine.onInstallSettled(instance => service.installSettled(instance));

  let specs = 0;
  /** Starts a deployment test of `graph` as alice; the instance id. */
  async function deploy(graph: SpecGraph = exampleSpecGraph()) {
    const specId = `spec-${++specs}`;
    graphs.set(specId, graph);
    const instance = await service.startDeploymentTest(
      specId,
      'user:default/alice',
    );
    return instance.id;
  }

  /** Waits until the instance is in one of `statuses`. */
  async function waitFor(
    instanceId: string,
    statuses: InstanceStatus[] = ['running', 'failed', 'deleted'],
    timeoutMs = 20_000,
  ): Promise<InstanceRecord> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const instance = await store.getInstance(instanceId);
      if (
        instance &&
        statuses.includes(instance.status) &&
        !engine.isRunning(instanceId)
      ) {
        return instance;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `instance ${instanceId} is ${instance?.status} (${
            instance?.operation
          }), not ${statuses.join(' or ')}, after ${timeoutMs} ms`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, 20));
    }
  }

  return {
    database,
    store,
    sandbox,
    secrets,
    engine,
    engineOptions,
    service,
    recorded,
    deploy,
    waitFor,
  };
}
