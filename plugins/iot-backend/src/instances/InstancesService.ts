import { Entity } from '@backstage/catalog-model';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  getResourceType,
  InvalidSpecGraphError,
  IotInstanceEvent,
  IotInstanceItem,
  IotInstanceResource,
  IotInstanceSummary,
  ListDeploymentTestsResponse,
  ListInstanceEventsResponse,
  planSpecGraph,
} from '@internal/backstage-plugin-iot-common';
import { JsonObject } from '@backstage/types';
import { AuditStore } from '../audit/AuditStore';
import { normalizeGroupRef } from '../catalog/IsvGroups';
import { pageLimit } from '../database/queries';
import { graphETag } from '../specs/graphETag';
import { SpecGraphService } from '../specs/SpecGraphService';
import { SpecsService } from '../specs/SpecsService';
import { DeploymentEngine } from './DeploymentEngine';
import { instanceEntityRef, IOT_INSTANCE_KIND } from './instanceEntity';
import { ADMIN_ACCOUNT } from './instanceOutputs';
import {
  EventRecord,
  InstanceRecord,
  InstancesStore,
  newInstanceId,
  ResourceRecord,
} from './InstancesStore';
import { generatePassword, SecretBox } from './SecretBox';

/** Types that run the app: they get its administrator's credentials. */
const APP_TYPES = new Set(['container-workload', 'vm']);

/** Events `GET /instances/{instanceId}` includes; the rest are paged. */
const EVENTS_IN_ITEM = 100;

/**
 * The rules of instances (SPEC-8; later MKT-4, MKT-5), without HTTP:
 * starting a deployment test of a spec's saved graph (only a valid one),
 * what an instance shows and to whom (passwords only to its owner),
 * uninstalling, and recording on the spec whether its test passed. The
 * engine does the work.
 */
export class InstancesService {
  private readonly store: InstancesStore;
  private readonly engine: Pick<DeploymentEngine, 'kick'>;
  private readonly specs: Pick<
    SpecsService,
    'getSpecWithGraph' | 'recordDeploymentTest'
  >;
  private readonly graphs: Pick<SpecGraphService, 'problemsOf'>;
  private readonly secrets: SecretBox;
  private readonly audit: AuditStore;
  private readonly providerId: string;

  constructor(options: {
    store: InstancesStore;
    engine: Pick<DeploymentEngine, 'kick'>;
    specs: Pick<SpecsService, 'getSpecWithGraph' | 'recordDeploymentTest'>;
    graphs: Pick<SpecGraphService, 'problemsOf'>;
    secrets: SecretBox;
    audit: AuditStore;
    /** Id of the provider new instances are created with. */
    providerId: string;
  }) {
    this.store = options.store;
    this.engine = options.engine;
    this.specs = options.specs;
    this.graphs = options.graphs;
    this.secrets = options.secrets;
    this.audit = options.audit;
    this.providerId = options.providerId;
  }

  /**
   * Starts a test install of a spec's saved graph (SPEC-8). Throws
   * `InvalidSpecGraphError` with every problem of a graph that is not
   * valid, ConflictError for an empty one; nothing starts then.
   */
  async startDeploymentTest(
    specId: string,
    actorRef: string,
  ): Promise<IotInstanceSummary> {
    const { spec, graph } = await this.specs.getSpecWithGraph(specId);
    const problems = await this.graphs.problemsOf(graph, spec.owner);
    if (problems.length > 0) {
      throw new InvalidSpecGraphError(problems);
    }
    if (graph.nodes.length === 0) {
      throw new ConflictError(
        `spec '${spec.name}' has no resources in its dependency graph; add some in the editor and save before testing a deployment`,
      );
    }
    const plan = planSpecGraph(graph);
    const id = newInstanceId();
    const adminPassword = generatePassword();
    const instance = await this.store.createInstance(
      {
        id,
        specId,
        kind: 'test',
        ownerRef: normalizeGroupRef(spec.owner),
        createdBy: actorRef,
        provider: this.providerId,
        graphEtag: graphETag(graph),
        secrets: this.secrets.sealJson({ adminPassword }),
      },
      plan.resources.map(resource => {
        const secrets: Record<string, string> = {};
        if (getResourceType(resource.type)?.outputs.includes('password')) {
          secrets.password = generatePassword();
        }
        if (APP_TYPES.has(resource.type)) {
          secrets.adminAccount = ADMIN_ACCOUNT;
          secrets.adminPassword = adminPassword;
        }
        return {
          nodeId: resource.nodeId,
          type: resource.type,
          name: resource.name,
          definition: {
            properties: resource.properties as JsonObject,
            dependsOn: resource.dependsOn,
            dependants: resource.dependants,
          },
          secrets:
            Object.keys(secrets).length > 0
              ? this.secrets.sealJson(secrets)
              : null,
          idempotencyKey: `${id}.${resource.nodeId}`,
        };
      }),
      {
        level: 'info',
        nodeId: null,
        message: `deployment test of spec '${spec.name}' requested by ${actorRef}: ${plan.resources.length} resources in ${plan.levels.length} levels, critical path ${plan.criticalPath.seconds} s nominal`,
      },
    );
    await this.specs.recordDeploymentTest(specId, {
      instanceId: id,
      status: 'installing',
      at: instance.createdAt,
    });
    await this.audit.append({
      actorRef,
      action: 'instance.created',
      targetRef: instanceEntityRef(id),
      details: { spec: specId, kind: 'test', resources: plan.resources.length },
    });
    this.engine.kick(id);
    return toSummary(instance);
  }

  /** An instance with its resources and latest events; passwords only `withSecrets`. */
  async getInstance(
    id: string,
    options: { withSecrets: boolean },
  ): Promise<IotInstanceItem> {
    const instance = await this.findOrThrow(id);
    const [resources, events] = await Promise.all([
      this.store.listResources(id),
      this.store.latestEvents(id, EVENTS_IN_ITEM),
    ]);
    const showOutputs =
      instance.outputs &&
      (instance.status === 'running' || instance.status === 'uninstalling');
    return {
      ...toSummary(instance),
      resources: resources.map(resource =>
        this.toResourceItem(resource, options.withSecrets),
      ),
      outputs: showOutputs
        ? {
            ...instance.outputs!,
            ...(options.withSecrets
              ? {
                  password: this.secrets.openJson(instance.secrets)
                    .adminPassword,
                }
              : {}),
          }
        : null,
      events: events.map(toEventItem),
    };
  }

  /** An instance's log lines after the event id `after`, oldest first. */
  async listEvents(
    id: string,
    options: { after?: number; limit?: number },
  ): Promise<ListInstanceEventsResponse> {
    await this.findOrThrow(id);
    const limit = pageLimit(options.limit);
    const events = await this.store.listEvents(id, {
      after: options.after,
      limit,
    });
    return {
      items: events.map(toEventItem),
      nextCursor:
        events.length === limit ? String(events[events.length - 1].id) : null,
    };
  }

  /** The deployment tests of a spec, newest first. */
  async listDeploymentTests(
    specId: string,
    options: { limit?: number; cursor?: string },
  ): Promise<ListDeploymentTestsResponse> {
    const page = await this.store.listInstancesOfSpec(specId, 'test', {
      limit: pageLimit(options.limit),
      cursor: options.cursor,
    });
    return { items: page.items.map(toSummary), nextCursor: page.nextCursor };
  }

  /**
   * Uninstalls an instance, whatever it is doing (an install in progress
   * stops and what it created is deleted); nothing new when it is already
   * uninstalling or deleted.
   */
  async uninstall(id: string, actorRef: string): Promise<IotInstanceSummary> {
    const requested = await this.store.requestUninstall(id);
    if (!requested) {
      throw new NotFoundError(`no instance with id ${id}`);
    }
    if (requested === 'requested') {
      await this.store.appendEvents(id, [
        {
          level: 'info',
          nodeId: null,
          message: `uninstall requested by ${actorRef}`,
        },
      ]);
      await this.audit.append({
        actorRef,
        action: 'instance.uninstall-requested',
        targetRef: instanceEntityRef(id),
      });
      this.engine.kick(id);
    }
    return toSummary(await this.findOrThrow(id));
  }

  /** The instance as an entity of its owner, for permission checks; undefined when absent. */
  async findInstanceEntity(id: string): Promise<Entity | undefined> {
    const instance = await this.store.getInstance(id);
    return (
      instance && {
        apiVersion: 'iot.portal/v1alpha1',
        kind: IOT_INSTANCE_KIND,
        metadata: { name: instance.id, namespace: 'default' },
        spec: { owner: instance.ownerRef, specId: instance.specId },
      }
    );
  }

  /** Records on the spec how its deployment test ended (the engine calls it). */
  async installSettled(instance: InstanceRecord): Promise<void> {
    if (instance.kind !== 'test') {
      return;
    }
    const passed = instance.status === 'running';
    await this.specs.recordDeploymentTest(
      instance.specId,
      {
        instanceId: instance.id,
        status: passed ? 'running' : 'failed',
        at: instance.updatedAt,
      },
      passed ? instance.graphEtag : undefined,
    );
  }

  private async findOrThrow(id: string): Promise<InstanceRecord> {
    const instance = await this.store.getInstance(id);
    if (!instance) {
      throw new NotFoundError(`no instance with id ${id}`);
    }
    return instance;
  }

  private toResourceItem(
    resource: ResourceRecord,
    withSecrets: boolean,
  ): IotInstanceResource {
    const outputs: Record<string, unknown> = { ...resource.outputs };
    if (
      withSecrets &&
      resource.outputs &&
      resource.secrets &&
      getResourceType(resource.type)?.outputs.includes('password')
    ) {
      outputs.password = this.secrets.openJson(resource.secrets).password;
    }
    return {
      nodeId: resource.nodeId,
      type: resource.type,
      name: resource.name,
      status: resource.status,
      outputs,
      error: resource.error,
      attempts: resource.attempts,
      startedAt: resource.startedAt,
      finishedAt: resource.finishedAt,
    };
  }
}

function toSummary(instance: InstanceRecord): IotInstanceSummary {
  return {
    id: instance.id,
    specId: instance.specId,
    kind: instance.kind,
    status: instance.status,
    operation: instance.operation,
    owner: instance.ownerRef,
    createdBy: instance.createdBy,
    error: instance.error,
    installResult: instance.installResult,
    installFinishedAt: instance.installFinishedAt,
    createdAt: instance.createdAt,
    updatedAt: instance.updatedAt,
  };
}

function toEventItem(event: EventRecord): IotInstanceEvent {
  return {
    id: event.id,
    at: event.at,
    level: event.level,
    nodeId: event.nodeId,
    message: event.message,
  };
}
