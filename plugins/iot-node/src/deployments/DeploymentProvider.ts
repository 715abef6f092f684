import type { JsonObject } from '@backstage/types';

/**
 * One resource of a deployment, as the engine hands it to a provider: a node
 * of the spec's dependency graph with its defaults applied.
 *
 * @public
 */
export type DeploymentResource = {
  /** The node's id in the spec's graph, e.g. `db`. */
  nodeId: string;
  /** A resource type id of the registry of iot-common, e.g. `rds`. */
  type: string;
  /** The node's `name` property. */
  name: string;
  /**
   * Every property, defaults applied. Properties starting with `x-` belong
   * to tools (e.g. the sandbox's `x-fault`) and were not validated.
   */
  properties: JsonObject;
  /** Node ids this resource depends on: created before it, deleted after it. */
  dependsOn: string[];
};

/**
 * What a provider gets besides the resource, for `create` and `delete`.
 *
 * @public
 */
export type DeploymentOperationContext = {
  /** The instance the resource belongs to. */
  instanceId: string;
  /**
   * The same for every attempt at the resource, creation and deletion: a
   * provider must create at most one cloud resource per key, so that a
   * retried `create` (after a timeout, a transient error or a crash of the
   * backend) returns the resource the first attempt made, and `delete` can
   * find a resource whose outputs never reached the engine.
   */
  idempotencyKey: string;
  /**
   * Aborted when the attempt times out, the instance is being uninstalled
   * instead, or the backend shuts down. Stop waiting and reject; what was
   * started is found again by the idempotency key.
   */
  signal: AbortSignal;
};

/**
 * Context of `create`.
 *
 * @public
 */
export type DeploymentCreateContext = DeploymentOperationContext & {
  /**
   * Outputs of the resources this one depends on, by node id, e.g.
   * `inputs.subnet.outputs.id` or `inputs.lb.outputs.publicAddress`.
   */
  inputs: Record<string, { type: string; outputs: JsonObject }>;
  /**
   * Secrets the engine generated for this resource, the same on every
   * attempt: `password` for types whose outputs include one (a VM's root
   * password, a database's or a cache's), `adminPassword` (with
   * `adminAccount`) for what runs the app (container workloads, VMs), to
   * hand to the app, e.g. as environment variables. Pass them to the cloud;
   * never log them or return them in outputs: the engine stores them
   * encrypted and shows them to the instance's owner only.
   */
  secrets: Record<string, string>;
};

/**
 * Creates and deletes cloud resources for the deployment engine of the iot
 * backend (SPEC-8, and later trials and purchases). The engine decides the
 * order (dependencies first; reverse order to delete), the parallelism,
 * retries, timeouts and rollback; a provider does one resource at a time.
 *
 * Errors: throw {@link TransientProviderError} for what may succeed when
 * tried again (throttling, timeouts, a busy API); the engine retries it with
 * backoff, with the same idempotency key. Anything else is permanent: the
 * install stops and rolls back. Messages are shown to users: say what failed
 * and what to do.
 *
 * @public
 */
export interface DeploymentProvider {
  /** Names the provider in config (`iot.deployments.provider`) and on instances. */
  readonly id: string;
  /**
   * Creates the resource, or returns the one already created under
   * `ctx.idempotencyKey`, and resolves with its outputs (the names the
   * resource type declares, e.g. `id`, `address`), which feed the resources
   * that depend on it. JSON values only.
   */
  create(
    resource: DeploymentResource,
    ctx: DeploymentCreateContext,
  ): Promise<JsonObject>;
  /**
   * Deletes the resource created under `ctx.idempotencyKey`. `outputs` are
   * those `create` returned, or undefined when the engine never got them
   * (the backend stopped while it was creating). Deleting what does not
   * exist (any more) succeeds: uninstall may run twice.
   */
  delete(
    resource: DeploymentResource,
    outputs: JsonObject | undefined,
    ctx: DeploymentOperationContext,
  ): Promise<void>;
}
