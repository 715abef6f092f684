import { DatabaseService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { getResourceType } from '@internal/backstage-plugin-iot-common';
import {
  DeploymentCreateContext,
  DeploymentOperationContext,
  DeploymentProvider,
  DeploymentResource,
  TransientProviderError,
} from '@internal/backstage-plugin-iot-node';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { fakeCloudId, fakeOutputs } from './fakeCloud';
import { SandboxResource, SandboxStore } from './SandboxStore';

/** Faults the sandbox can inject. */
export const SANDBOX_FAULTS = ['fail', 'throttle', 'hang'] as const;
export type SandboxFaultKind = (typeof SANDBOX_FAULTS)[number];

/** A fault injected by config, on the resources it matches. */
export type SandboxFault = {
  fault: SandboxFaultKind;
  /** Only the resources of nodes with this id; any when absent. */
  nodeId?: string;
  /** Only resources of this type; any when absent. */
  type?: string;
  /** On creation (default) or deletion. */
  on?: 'create' | 'delete';
  /** For `throttle`: transient errors before the operation succeeds (default 2). */
  times?: number;
};

export type SandboxOptions = {
  /** Multiplies the registry's nominal create and delete seconds. */
  latencyFactor: number;
  /** Every operation takes exactly this long instead (benchmarks). */
  latencyMs?: number;
  /** At most this many live resources of a type, across instances. */
  quotas: Record<string, number>;
  faults: SandboxFault[];
};

/** Quotas of a fresh sandbox account, like a cloud's defaults. */
export const DEFAULT_SANDBOX_QUOTAS: Record<string, number> = {
  eip: 20,
  'load-balancer': 20,
  'container-cluster': 10,
  vm: 50,
  rds: 20,
};

/** The sandbox's options from `iot.deployments.sandbox` (config.d.ts). */
export function readSandboxOptions(config: Config): SandboxOptions {
  const sandbox = config.getOptionalConfig('iot.deployments.sandbox');
  const quotas = { ...DEFAULT_SANDBOX_QUOTAS };
  const quotaConfig = sandbox?.getOptionalConfig('quotas');
  for (const type of quotaConfig?.keys() ?? []) {
    quotas[type] = quotaConfig!.getNumber(type);
  }
  const faults = (sandbox?.getOptionalConfigArray('faults') ?? []).map(
    (fault): SandboxFault => {
      const kind = fault.getString('fault');
      if (!(SANDBOX_FAULTS as readonly string[]).includes(kind)) {
        throw new Error(
          `iot.deployments.sandbox.faults: fault must be one of ${SANDBOX_FAULTS.join(
            ', ',
          )}; got '${kind}'`,
        );
      }
      const on = fault.getOptionalString('on') ?? 'create';
      if (on !== 'create' && on !== 'delete') {
        throw new Error(
          `iot.deployments.sandbox.faults: on must be create or delete; got '${on}'`,
        );
      }
      return {
        fault: kind as SandboxFaultKind,
        nodeId: fault.getOptionalString('nodeId'),
        type: fault.getOptionalString('type'),
        on,
        times: fault.getOptionalNumber('times'),
      };
    },
  );
  return {
    latencyFactor: sandbox?.getOptionalNumber('latencyFactor') ?? 1,
    latencyMs: sandbox?.getOptionalNumber('latencyMs'),
    quotas,
    faults,
  };
}

/**
 * The default deployment provider: a simulated cloud in the plugin
 * database. Creation and deletion take the registry's nominal time times
 * `latencyFactor`; ids and addresses derive from the idempotency key, so a
 * retried create returns the resource the first attempt made (also after a
 * restart: a resource still being created is waited for, not made again).
 * Quotas per type, and faults injected by config or by a node's `x-fault`
 * property (`fail`: a permanent error; `throttle`: `x-fault-times`
 * transient errors, default 2, then success; `hang`: never finishes until
 * aborted), with `x-fault-on: delete` to fail deletion instead.
 */
export class SandboxProvider implements DeploymentProvider {
  readonly id = 'sandbox';
  /** Tells resources this object created from those of another process. */
  readonly creator = `sandbox:${hostname()}:${process.pid}:${randomBytes(
    4,
  ).toString('hex')}`;
  private readonly store: SandboxStore;
  private readonly options: SandboxOptions;
  /** Transient errors thrown so far per key and operation, for `throttle`. */
  private readonly throttled = new Map<string, number>();

  static async create(options: {
    database: DatabaseService;
    config: Config;
  }): Promise<SandboxProvider> {
    return new SandboxProvider(
      await SandboxStore.create({ database: options.database }),
      readSandboxOptions(options.config),
    );
  }

  constructor(store: SandboxStore, options: SandboxOptions) {
    this.store = store;
    this.options = options;
  }

  async create(
    resource: DeploymentResource,
    ctx: DeploymentCreateContext,
  ): Promise<JsonObject> {
    ctx.signal.throwIfAborted();
    // the cloud's clock starts with the request: its own bookkeeping is part of the latency
    const requestedAt = Date.now();
    const existing = await this.store.findLive(ctx.idempotencyKey);
    if (existing) {
      await untilReady(existing, ctx.signal);
      return existing.outputs;
    }
    const fault = this.faultOf(resource, 'create', ctx.idempotencyKey);
    const latencyMs = this.latencyOf(resource.type, 'create');
    const result = await this.store.insertUnlessExists(
      {
        idempotencyKey: ctx.idempotencyKey,
        instanceId: ctx.instanceId,
        nodeId: resource.nodeId,
        type: resource.type,
        cloudId: fakeCloudId(resource.type, ctx.idempotencyKey),
        outputs: fakeOutputs(resource, ctx),
        creator: this.creator,
        readyAt:
          fault === 'hang'
            ? null
            : new Date(requestedAt + latencyMs).toISOString(),
      },
      this.options.quotas[resource.type],
    );
    if ('quotaExceeded' in result) {
      const { limit, used } = result.quotaExceeded;
      throw new Error(
        `sandbox quota reached: at most ${limit} ${labelOf(
          resource.type,
        )} resources (${used} in use); uninstall an instance, or raise iot.deployments.sandbox.quotas.${
          resource.type
        }`,
      );
    }
    await untilReady(result.resource, ctx.signal);
    return result.resource.outputs;
  }

  async delete(
    resource: DeploymentResource,
    _outputs: JsonObject | undefined,
    ctx: DeploymentOperationContext,
  ): Promise<void> {
    ctx.signal.throwIfAborted();
    const requestedAt = Date.now();
    const fault = this.faultOf(resource, 'delete', ctx.idempotencyKey);
    if (fault === 'hang') {
      await untilReady({ readyAt: null }, ctx.signal);
    }
    if (!(await this.store.findLive(ctx.idempotencyKey))) {
      return;
    }
    const remaining =
      requestedAt + this.latencyOf(resource.type, 'delete') - Date.now();
    if (remaining > 0) {
      await sleep(remaining, undefined, { signal: ctx.signal });
    }
    await this.store.markDeleted(ctx.idempotencyKey);
  }

  /** Every resource it knows, deleted ones included (for tests and checks). */
  list(options: { instanceId?: string; live?: boolean } = {}) {
    return this.store.list(options);
  }

  private latencyOf(type: string, operation: 'create' | 'delete'): number {
    if (this.options.latencyMs !== undefined) {
      return this.options.latencyMs;
    }
    const definition = getResourceType(type);
    const seconds =
      operation === 'create'
        ? definition?.createSeconds
        : definition?.deleteSeconds;
    return (seconds ?? 1) * 1000 * this.options.latencyFactor;
  }

  /**
   * The fault to inject, if any; throws for `fail` and (until it has thrown
   * `times` errors for this key) `throttle`.
   */
  private faultOf(
    resource: DeploymentResource,
    operation: 'create' | 'delete',
    key: string,
  ): SandboxFaultKind | undefined {
    const properties = resource.properties;
    let fault: SandboxFault | undefined;
    let source: string;
    if (
      typeof properties['x-fault'] === 'string' &&
      (properties['x-fault-on'] ?? 'create') === operation
    ) {
      fault = {
        fault: properties['x-fault'] as SandboxFaultKind,
        times:
          typeof properties['x-fault-times'] === 'number'
            ? properties['x-fault-times']
            : undefined,
      };
      source = `property x-fault of node ${resource.nodeId}`;
    } else {
      fault = this.options.faults.find(
        candidate =>
          (candidate.on ?? 'create') === operation &&
          (candidate.nodeId === undefined ||
            candidate.nodeId === resource.nodeId) &&
          (candidate.type === undefined || candidate.type === resource.type),
      );
      source = 'iot.deployments.sandbox.faults';
    }
    if (!fault) {
      return undefined;
    }
    const what = `${operation === 'create' ? 'creating' : 'deleting'} ${labelOf(
      resource.type,
    )} '${resource.name}'`;
    switch (fault.fault) {
      case 'fail':
        throw new Error(
          `sandbox refused ${what}: fault injected by ${source}; remove it to let the resource be ${operation}d`,
        );
      case 'throttle': {
        const counter = `${key}:${operation}`;
        const thrown = this.throttled.get(counter) ?? 0;
        if (thrown < (fault.times ?? 2)) {
          this.throttled.set(counter, thrown + 1);
          throw new TransientProviderError(
            `sandbox throttled ${what} (429 Too Many Requests, injected by ${source})`,
          );
        }
        return undefined;
      }
      case 'hang':
        return 'hang';
      default:
        throw new Error(
          `unknown sandbox fault '${String(
            fault.fault,
          )}' in ${source}; use one of ${SANDBOX_FAULTS.join(', ')}`,
        );
    }
  }
}

function labelOf(type: string): string {
  return getResourceType(type)?.label ?? type;
}

/** Waits until the resource is ready; forever for one that hangs, until aborted. */
async function untilReady(
  resource: Pick<SandboxResource, 'readyAt'>,
  signal: AbortSignal,
): Promise<void> {
  if (resource.readyAt === null) {
    await new Promise<never>((_resolve, reject) => {
      const abort = () => reject(signal.reason);
      if (signal.aborted) {
        abort();
      } else {
        signal.addEventListener('abort', abort, { once: true });
      }
    });
    return;
  }
  const wait = Date.parse(resource.readyAt) - Date.now();
  if (wait > 0) {
    await sleep(wait, undefined, { signal });
  }
}
