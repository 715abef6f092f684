import { LoggerService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import {
  getResourceType,
  InstanceOperation,
  IotInstanceError,
} from '@internal/backstage-plugin-iot-common';
import {
  DeploymentProvider,
  DeploymentResource,
  isTransientProviderError,
} from '@internal/backstage-plugin-iot-node';
import { setTimeout as sleep } from 'node:timers/promises';
import { backoffMs, EngineOptions } from './engineOptions';
import {
  ACTIVE_STATUSES,
  InstanceRecord,
  InstancesStore,
  NewEvent,
  ResourceRecord,
} from './InstancesStore';
import { instanceOutputsOf } from './instanceOutputs';
import { SecretBox } from './SecretBox';

/** How long log lines wait to be written together. */
const LOG_FLUSH_MS = 50;

/** Told when an install has settled: reached `running`, or failed and was rolled back. */
export type InstallListener = (instance: InstanceRecord) => Promise<void>;

export type InstanceRunDeps = {
  store: InstancesStore;
  provider: DeploymentProvider;
  secrets: SecretBox;
  options: EngineOptions;
  logger: LoggerService;
  engineId: string;
  installListeners: InstallListener[];
};

/** How the operation on one resource ended. */
type Outcome =
  | { ok: true }
  | { ok: false; message: string }
  /** Stopped from outside: uninstall requested, lease lost, shutdown. */
  | { ok: false; stopped: true };

type Failure = { nodeId: string; message: string };

/** Thrown into a run when another engine took its instance over. */
class LeaseLostError extends Error {
  constructor(instanceId: string) {
    super(`lost the lease of instance ${instanceId} to another engine`);
    this.name = 'LeaseLostError';
  }
}

/** Aborts the install pass of an instance whose uninstall was requested meanwhile. */
class UninstallRequestedError extends Error {
  constructor() {
    super('uninstall requested');
    this.name = 'UninstallRequestedError';
  }
}

function labelOf(resource: ResourceRecord): string {
  return `${getResourceType(resource.type)?.label ?? resource.type} '${
    resource.name
  }'`;
}

function seconds(sinceMs: number): string {
  return `${((Date.now() - sinceMs) / 1000).toFixed(1)} s`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * One engine's run of one instance, while it holds the lease: the install
 * pass (create along the plan, bounded parallelism, dependencies first),
 * then, after a failure, the rollback, or the uninstall — both the same
 * delete pass in reverse dependency order. Every transition is written
 * before the run moves on, fenced by the lease, so a run that resumes after
 * a crash picks up from the database: `ready` resources stay, `creating`
 * ones are created again with the same idempotency key (the provider hands
 * back what the first attempt made), a persisted failure goes to rollback.
 */
export class InstanceRun {
  private readonly deps: InstanceRunDeps;
  private readonly instanceId: string;
  /** Stops the whole run: shutdown, or the lease lost. */
  private readonly stopController = new AbortController();
  /** Stops the install pass when an uninstall is requested. */
  private installController?: AbortController;
  private operation?: InstanceOperation;
  /** Every secret of the instance, to keep them out of log lines. */
  private secretValues: string[] = [];
  private pendingEvents: NewEvent[] = [];
  private flushTimer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(deps: InstanceRunDeps, instanceId: string) {
    this.deps = deps;
    this.instanceId = instanceId;
  }

  /** Stops the run; what is in flight is left as it is in the database, for whoever resumes it. */
  stop(reason: unknown): void {
    this.stopController.abort(reason);
  }

  /** The instance's operation as the database now has it: an uninstall request cancels the install pass. */
  operationChanged(operation: InstanceOperation): void {
    if (this.operation === 'install' && operation !== 'install') {
      this.installController?.abort(new UninstallRequestedError());
    }
  }

  async execute(): Promise<void> {
    try {
      await this.executeLoop();
    } finally {
      await this.flush();
    }
  }

  private async executeLoop(): Promise<void> {
    const { store, engineId } = this.deps;
    while (!this.stopController.signal.aborted) {
      const instance = await store.getInstance(this.instanceId);
      if (
        !instance ||
        instance.leaseOwner !== engineId ||
        !ACTIVE_STATUSES.includes(instance.status)
      ) {
        return;
      }
      this.operation = instance.operation;
      const resources = await store.listResources(instance.id);
      this.secretValues = this.secretsOf(instance, resources);
      if (instance.operation === 'install') {
        await this.install(instance, resources);
      } else {
        await this.removeAll(instance, resources);
      }
    }
  }

  private async install(
    instance: InstanceRecord,
    resources: ResourceRecord[],
  ): Promise<void> {
    const started = Date.now();
    const ready = resources.filter(r => r.status === 'ready').length;
    if (instance.status === 'pending') {
      if (!(await this.updateInstance({ status: 'installing' }, 'install'))) {
        return;
      }
      await this.log([
        {
          level: 'info',
          nodeId: null,
          message: `install started: ${resources.length} resources, at most ${this.deps.options.parallelism} at a time (provider ${this.deps.provider.id}, engine ${this.deps.engineId})`,
        },
      ]);
    } else {
      const creating = resources.filter(r => r.status === 'creating').length;
      await this.log([
        {
          level: 'info',
          nodeId: null,
          message: `install resumed by engine ${this.deps.engineId}: ${ready} of ${resources.length} resources ready, ${creating} were being created and are asked for again with the same idempotency key`,
        },
      ]);
    }

    const persisted = resources.find(r => r.status === 'failed');
    const result: { failure?: Failure } | { cancelled: true } = persisted
      ? {
          failure: {
            nodeId: persisted.nodeId,
            message: persisted.error ?? 'failed',
          },
        }
      : await this.createAll(resources);
    if (this.stopController.signal.aborted) {
      return;
    }
    if ('cancelled' in result) {
      return;
    }
    if (result.failure) {
      const { failure } = result;
      const failed = resources.find(r => r.nodeId === failure.nodeId)!;
      if (
        await this.updateInstance(
          {
            operation: 'rollback',
            error: {
              nodeId: failed.nodeId,
              message: `${labelOf(failed)} failed: ${failure.message}`,
            },
          },
          'install',
        )
      ) {
        await this.log([
          {
            level: 'error',
            nodeId: null,
            message: `install failed at ${labelOf(
              failed,
            )}; no new resources are started, and everything created is deleted in reverse order`,
          },
        ]);
      }
      return;
    }
    const current = await this.deps.store.listResources(instance.id);
    const outputs = instanceOutputsOf(current);
    if (
      await this.updateInstance(
        { status: 'running', outputs, error: null, installResult: 'passed' },
        'install',
      )
    ) {
      await this.log([
        {
          level: 'info',
          nodeId: null,
          message: `installed: ${resources.length} resources ready in ${seconds(
            started,
          )}${
            outputs.accessAddress ? `; access at ${outputs.accessAddress}` : ''
          }`,
        },
      ]);
      await this.settled();
    }
  }

  /**
   * Creates what is not ready, each resource once its dependencies are,
   * longest remaining chain first, at most `parallelism` at a time. After a
   * permanent failure nothing new starts; what runs finishes.
   */
  private async createAll(
    resources: ResourceRecord[],
  ): Promise<{ failure?: Failure } | { cancelled: true }> {
    const { parallelism } = this.deps.options;
    const byNode = new Map(resources.map(r => [r.nodeId, r]));
    const outputs = new Map<string, JsonObject>();
    for (const resource of resources) {
      if (resource.status === 'ready') {
        outputs.set(resource.nodeId, resource.outputs ?? {});
      }
    }
    const rank = rankByRemainingChain(resources);
    const todo = resources
      .filter(r => r.status === 'pending' || r.status === 'creating')
      .sort(
        (a, b) =>
          rank.get(b.nodeId)! - rank.get(a.nodeId)! || a.position - b.position,
      );
    this.installController = new AbortController();
    const signal = AbortSignal.any([
      this.stopController.signal,
      this.installController.signal,
    ]);
    let failure: Failure | undefined;
    let active = 0;

    const create = (resource: ResourceRecord) =>
      this.createOne(resource, byNode, outputs, signal);
    const stop = (error: unknown) => this.stop(error);

    return new Promise((resolve, reject) => {
      function launch(resource: ResourceRecord) {
        active++;
        create(resource)
          .then(outcome => {
            active--;
            if (!outcome.ok && 'message' in outcome) {
              failure ??= { nodeId: resource.nodeId, message: outcome.message };
            }
            pump();
          })
          .catch(error => {
            active--;
            stop(error);
            reject(error);
          });
      }
      function finish() {
        if (failure) {
          resolve({ failure });
        } else if (signal.aborted) {
          resolve({ cancelled: true });
        } else if (todo.length > 0) {
          // a valid plan never gets here: every dependency is in it
          const stuck = todo[0];
          resolve({
            failure: {
              nodeId: stuck.nodeId,
              message: `its dependencies ${stuck.definition.dependsOn.join(
                ', ',
              )} are not all in the plan`,
            },
          });
        } else {
          resolve({});
        }
      }
      function pump() {
        while (!failure && !signal.aborted && active < parallelism) {
          const index = todo.findIndex(r =>
            r.definition.dependsOn.every(dependency => outputs.has(dependency)),
          );
          if (index < 0) {
            break;
          }
          launch(todo.splice(index, 1)[0]);
        }
        if (active === 0) {
          finish();
        }
      }
      pump();
    });
  }

  private async createOne(
    resource: ResourceRecord,
    byNode: Map<string, ResourceRecord>,
    outputs: Map<string, JsonObject>,
    signal: AbortSignal,
  ): Promise<Outcome> {
    const { provider, secrets } = this.deps;
    const inputs: Record<string, { type: string; outputs: JsonObject }> = {};
    for (const dependency of resource.definition.dependsOn) {
      const dependencyRecord = byNode.get(dependency)!;
      inputs[dependency] = {
        type: dependencyRecord.type,
        outputs: {
          ...outputs.get(dependency),
          ...this.passwordOf(dependencyRecord),
        },
      };
    }
    const resourceSecrets = resource.secrets
      ? secrets.openJson(resource.secrets)
      : {};
    const result = await this.attempt(resource, 'create', signal, ctx =>
      provider.create(toProviderResource(resource), {
        ...ctx,
        inputs,
        secrets: resourceSecrets,
      }),
    );
    if (result.ok) {
      outputs.set(resource.nodeId, result.value);
    }
    return result.ok ? { ok: true } : result;
  }

  /**
   * One operation on a resource, with retries: transient errors and
   * timeouts are tried again after a backoff with jitter, up to
   * `maxAttempts`; each attempt and its end are written and logged.
   */
  private async attempt<T extends JsonObject | void>(
    resource: ResourceRecord,
    operation: 'create' | 'delete',
    signal: AbortSignal,
    run: (ctx: {
      instanceId: string;
      idempotencyKey: string;
      signal: AbortSignal;
    }) => Promise<T>,
  ): Promise<{ ok: true; value: T } | Exclude<Outcome, { ok: true }>> {
    const { options } = this.deps;
    const label = labelOf(resource);
    const verb = operation === 'create' ? 'creat' : 'delet';
    const started = Date.now();
    // a resumed operation goes on counting; a new one starts at 1
    const resumed =
      resource.status === (operation === 'create' ? 'creating' : 'deleting');
    const previous = resumed ? resource.attempts : 0;
    for (let attempt = 1; ; attempt++) {
      await this.updateResource(resource, {
        status: operation === 'create' ? 'creating' : 'deleting',
        attempts: previous + attempt,
        ...(previous + attempt === 1
          ? { startedAt: new Date().toISOString(), finishedAt: null }
          : {}),
      });
      if (attempt === 1) {
        await this.log([
          {
            level: 'info',
            nodeId: resource.nodeId,
            message: resumed
              ? `${label}: ${verb}ing again after a restart (attempt ${
                  previous + 1
                })`
              : `${label}: ${verb}ing`,
          },
        ]);
      }
      const timeout = AbortSignal.timeout(options.attemptTimeoutMs);
      try {
        const value = await run({
          instanceId: resource.instanceId,
          idempotencyKey: resource.idempotencyKey,
          signal: AbortSignal.any([signal, timeout]),
        });
        await this.updateResource(resource, {
          status: operation === 'create' ? 'ready' : 'deleted',
          ...(operation === 'create' ? { outputs: value as JsonObject } : {}),
          finishedAt: new Date().toISOString(),
        });
        await this.log([
          {
            level: 'info',
            nodeId: resource.nodeId,
            message: `${label}: ${verb}ed in ${seconds(started)}${
              attempt > 1 ? ` (attempt ${attempt})` : ''
            }`,
          },
        ]);
        return { ok: true, value };
      } catch (error) {
        if (error instanceof LeaseLostError) {
          throw error;
        }
        if (signal.aborted) {
          return { ok: false, stopped: true };
        }
        const timedOut = timeout.aborted;
        const message = this.redact(
          timedOut
            ? `no answer within ${options.attemptTimeoutMs / 1000} s`
            : messageOf(error),
        );
        if (
          (timedOut || isTransientProviderError(error)) &&
          attempt < options.retry.maxAttempts
        ) {
          const delay = backoffMs(
            options.retry,
            attempt,
            isTransientProviderError(error) ? error.retryAfterMs : undefined,
          );
          await this.log([
            {
              level: 'warn',
              nodeId: resource.nodeId,
              message: `${label}: ${message}; trying again in ${(
                delay / 1000
              ).toFixed(1)} s (attempt ${attempt + 1} of ${
                options.retry.maxAttempts
              })`,
            },
          ]);
          try {
            await sleep(delay, undefined, { signal });
          } catch {
            return { ok: false, stopped: true };
          }
          continue;
        }
        const reason =
          timedOut || isTransientProviderError(error)
            ? `${message} (gave up after ${attempt} attempts)`
            : message;
        await this.updateResource(resource, {
          status: 'failed',
          error: reason,
          finishedAt: new Date().toISOString(),
        });
        await this.log([
          {
            level: 'error',
            nodeId: resource.nodeId,
            message: `${label}: ${verb}ing failed: ${reason}`,
          },
        ]);
        return { ok: false, message: reason };
      }
    }
  }

  /** Rollback or uninstall: deletes everything that may exist, dependants first. */
  private async removeAll(
    instance: InstanceRecord,
    resources: ResourceRecord[],
  ): Promise<void> {
    const operation = instance.operation as 'rollback' | 'uninstall';
    const started = Date.now();
    const targets = resources.filter(r =>
      ['creating', 'ready', 'failed', 'deleting'].includes(r.status),
    );
    await this.log([
      {
        level: 'info',
        nodeId: null,
        message: `${
          operation === 'rollback' ? 'rollback' : 'uninstall'
        } started: ${targets.length} resources to delete, dependants first`,
      },
    ]);
    const failure = await this.deleteAll(targets);
    if (this.stopController.signal.aborted) {
      return;
    }
    if (operation === 'rollback') {
      const original: IotInstanceError = instance.error ?? {
        nodeId: null,
        message: 'install failed',
      };
      const error = failure
        ? {
            nodeId: original.nodeId,
            message: `${
              original.message
            }; the rollback could not delete ${this.labelOfNode(
              resources,
              failure.nodeId,
            )}: ${failure.message} — delete the instance to try again`,
          }
        : original;
      if (
        await this.updateInstance(
          { status: 'failed', error, installResult: 'failed' },
          'rollback',
        )
      ) {
        await this.log([
          failure
            ? {
                level: 'error',
                nodeId: null,
                message: `rollback incomplete after ${seconds(started)}: ${
                  error.message
                }`,
              }
            : {
                level: 'info',
                nodeId: null,
                message: `rolled back in ${seconds(
                  started,
                )}: every resource created was deleted`,
              },
        ]);
        await this.settled();
      }
      return;
    }
    if (failure) {
      const message = `could not delete ${this.labelOfNode(
        resources,
        failure.nodeId,
      )}: ${
        failure.message
      }; what depends on it was kept too — delete the instance again to retry`;
      if (
        await this.updateInstance(
          { status: 'failed', error: { nodeId: failure.nodeId, message } },
          'uninstall',
        )
      ) {
        await this.log([
          {
            level: 'error',
            nodeId: null,
            message: `uninstall failed: ${message}`,
          },
        ]);
      }
      return;
    }
    if (await this.updateInstance({ status: 'deleted' }, 'uninstall')) {
      await this.log([
        {
          level: 'info',
          nodeId: null,
          message: `uninstalled in ${seconds(started)}: ${
            targets.length
          } resources deleted`,
        },
      ]);
    }
  }

  /**
   * Deletes resources in reverse dependency order, at most `parallelism`
   * at a time: one starts once nothing that depends on it is left. After a
   * permanent failure, what it depends on stays; other branches go on.
   */
  private async deleteAll(
    targets: ResourceRecord[],
  ): Promise<Failure | undefined> {
    const { parallelism } = this.deps.options;
    const remaining = new Set(targets.map(r => r.nodeId));
    const todo = [...targets].sort((a, b) => b.position - a.position);
    const signal = this.stopController.signal;
    let failure: Failure | undefined;
    let active = 0;

    const remove = (resource: ResourceRecord) =>
      this.attempt(resource, 'delete', signal, ctx =>
        this.deps.provider.delete(
          toProviderResource(resource),
          resource.outputs ?? undefined,
          ctx,
        ),
      );
    const stop = (error: unknown) => this.stop(error);

    return new Promise((resolve, reject) => {
      function launch(resource: ResourceRecord) {
        active++;
        remove(resource)
          .then(outcome => {
            active--;
            if (outcome.ok) {
              remaining.delete(resource.nodeId);
            } else if ('message' in outcome) {
              failure ??= { nodeId: resource.nodeId, message: outcome.message };
            }
            pump();
          })
          .catch(error => {
            active--;
            stop(error);
            reject(error);
          });
      }
      function pump() {
        while (!signal.aborted && active < parallelism) {
          const index = todo.findIndex(r =>
            r.definition.dependants.every(
              dependant => !remaining.has(dependant),
            ),
          );
          if (index < 0) {
            break;
          }
          launch(todo.splice(index, 1)[0]);
        }
        if (active === 0) {
          resolve(failure);
        }
      }
      pump();
    });
  }

  private labelOfNode(resources: ResourceRecord[], nodeId: string): string {
    const resource = resources.find(r => r.nodeId === nodeId);
    return resource ? labelOf(resource) : nodeId;
  }

  /** The generated password of a resource, for the resources that depend on it. */
  private passwordOf(resource: ResourceRecord): JsonObject {
    if (!resource.secrets) {
      return {};
    }
    const { password } = this.deps.secrets.openJson(resource.secrets);
    return password ? { password } : {};
  }

  private secretsOf(
    instance: InstanceRecord,
    resources: ResourceRecord[],
  ): string[] {
    const { secrets } = this.deps;
    return [instance.secrets, ...resources.map(r => r.secrets)]
      .flatMap(sealed =>
        sealed ? Object.values(secrets.openJson(sealed)) : [],
      )
      .filter(value => value.length >= 6);
  }

  /** A provider's message without any generated secret in it. */
  private redact(message: string): string {
    return this.secretValues.reduce(
      (text, secret) => text.split(secret).join('********'),
      message,
    );
  }

  private async settled(): Promise<void> {
    const { installListeners, store, logger } = this.deps;
    const instance = await store.getInstance(this.instanceId);
    for (const listener of instance ? installListeners : []) {
      try {
        await listener(instance!);
      } catch (error) {
        logger.error(
          `Could not record the outcome of instance ${
            this.instanceId
          }: ${messageOf(error)}`,
        );
      }
    }
  }

  private async updateInstance(
    changes: Parameters<InstancesStore['updateInstance']>[2],
    ifOperation: InstanceOperation,
  ): Promise<boolean> {
    await this.flush();
    return this.deps.store.updateInstance(
      this.instanceId,
      this.deps.engineId,
      changes,
      { ifOperation },
    );
  }

  private async updateResource(
    resource: ResourceRecord,
    changes: Parameters<InstancesStore['updateResource']>[3],
  ): Promise<void> {
    const written = await this.deps.store.updateResource(
      this.instanceId,
      resource.nodeId,
      this.deps.engineId,
      changes,
    );
    if (!written) {
      const error = new LeaseLostError(this.instanceId);
      this.stop(error);
      throw error;
    }
  }

  /**
   * Queues log lines (stamped now) and writes them in one insert within
   * `LOG_FLUSH_MS`, before any status change of the instance, and when the
   * run ends: two writes per resource fewer. A crash loses at most the
   * lines of the last moment, never a state.
   */
  private async log(events: NewEvent[]): Promise<void> {
    const at = new Date().toISOString();
    this.pendingEvents.push(...events.map(event => ({ at, ...event })));
    this.flushTimer ??= setTimeout(() => {
      this.flush().catch(error =>
        this.deps.logger.warn(
          `Could not write the log of instance ${this.instanceId}: ${messageOf(
            error,
          )}`,
        ),
      );
    }, LOG_FLUSH_MS);
  }

  private async flush(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const events = this.pendingEvents.splice(0);
    // one write after the other, so lines keep their order
    this.flushing = this.flushing.then(() =>
      this.deps.store.appendEvents(this.instanceId, events),
    );
    await this.flushing;
  }
}

/** A resource as providers see it. */
function toProviderResource(resource: ResourceRecord): DeploymentResource {
  return {
    nodeId: resource.nodeId,
    type: resource.type,
    name: resource.name,
    properties: resource.definition.properties,
    dependsOn: resource.definition.dependsOn,
  };
}

/**
 * Per resource, the nominal seconds of the longest chain from it to the end
 * of the install (itself included): scheduling the longest chains first
 * keeps the critical path from waiting behind short work.
 */
function rankByRemainingChain(
  resources: ResourceRecord[],
): Map<string, number> {
  const rank = new Map<string, number>();
  // dependants come later in install order: walk it backwards
  for (const resource of [...resources].sort(
    (a, b) => b.position - a.position,
  )) {
    const own = getResourceType(resource.type)?.createSeconds ?? 1;
    const after = Math.max(
      0,
      ...resource.definition.dependants.map(d => rank.get(d) ?? 0),
    );
    rank.set(resource.nodeId, own + after);
  }
  return rank;
}
