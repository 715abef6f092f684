import { DatabaseService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import {
  InstanceKind,
  InstanceOperation,
  InstanceResourceStatus,
  InstanceStatus,
  InstallResult,
  IotInstanceError,
} from '@internal/backstage-plugin-iot-common';
import { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { getMigratedClient } from '../database/migrateDatabase';
import { timestamp, toIso } from '../database/queries';

const INSTANCES = 'iot_instances';
const RESOURCES = 'iot_instance_resources';
const EVENTS = 'iot_instance_events';
const KEYS = 'iot_deployment_keys';

/** Statuses in which an engine has work to do on an instance. */
export const ACTIVE_STATUSES: readonly InstanceStatus[] = [
  'pending',
  'installing',
  'uninstalling',
];

/** Access information of an installed instance, without its password. */
export type StoredInstanceOutputs = {
  accessAddress: string | null;
  account: string;
};

/** An instance as stored. */
export type InstanceRecord = {
  id: string;
  specId: string;
  kind: InstanceKind;
  ownerRef: string;
  createdBy: string;
  provider: string;
  status: InstanceStatus;
  operation: InstanceOperation;
  graphEtag: string;
  outputs: StoredInstanceOutputs | null;
  /** Sealed JSON of the generated secrets. */
  secrets: string;
  error: IotInstanceError | null;
  /** How the install ended; null before it did (or when an uninstall stopped it). */
  installResult: InstallResult | null;
  installFinishedAt: string | null;
  leaseOwner: string | null;
  leaseExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
};

/** What a resource was planned as. */
export type ResourceDefinition = {
  properties: JsonObject;
  dependsOn: string[];
  dependants: string[];
};

/** A resource of an instance as stored. */
export type ResourceRecord = {
  instanceId: string;
  nodeId: string;
  position: number;
  type: string;
  name: string;
  definition: ResourceDefinition;
  status: InstanceResourceStatus;
  outputs: JsonObject | null;
  /** Sealed JSON of the generated secrets; null when it has none. */
  secrets: string | null;
  error: string | null;
  attempts: number;
  idempotencyKey: string;
  startedAt: string | null;
  finishedAt: string | null;
};

/** A log line of an instance. */
export type EventRecord = {
  id: number;
  instanceId: string;
  at: string;
  level: 'info' | 'warn' | 'error';
  nodeId: string | null;
  message: string;
};

/** A log line to append; the store adds id and time unless given. */
export type NewEvent = Omit<EventRecord, 'id' | 'instanceId' | 'at'> & {
  at?: string;
};

export type NewInstance = Pick<
  InstanceRecord,
  | 'id'
  | 'specId'
  | 'kind'
  | 'ownerRef'
  | 'createdBy'
  | 'provider'
  | 'graphEtag'
  | 'secrets'
>;

export type NewResource = Pick<
  ResourceRecord,
  'nodeId' | 'type' | 'name' | 'definition' | 'secrets' | 'idempotencyKey'
>;

/**
 * Changes of an instance an engine writes while it holds the lease; with
 * `installResult`, the install ended now.
 */
export type InstanceChanges = Partial<
  Pick<
    InstanceRecord,
    'status' | 'operation' | 'outputs' | 'error' | 'installResult'
  >
>;

/** Changes of a resource an engine writes while it holds the lease. */
export type ResourceChanges = Partial<
  Pick<
    ResourceRecord,
    'status' | 'outputs' | 'error' | 'attempts' | 'startedAt' | 'finishedAt'
  >
>;

type InstanceRow = {
  id: string;
  spec_id: string;
  kind: string;
  owner_ref: string;
  created_by: string;
  provider: string;
  status: string;
  operation: string;
  graph_etag: string;
  outputs: string | null;
  secrets: string;
  error: string | null;
  install_result: string | null;
  install_finished_at: Date | string | null;
  lease_owner: string | null;
  lease_expires_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
};

type ResourceRow = {
  instance_id: string;
  node_id: string;
  position: number;
  type: string;
  name: string;
  definition: string;
  status: string;
  outputs: string | null;
  secrets: string | null;
  error: string | null;
  attempts: number;
  idempotency_key: string;
  started_at: Date | string | null;
  finished_at: Date | string | null;
};

type EventRow = {
  id: number;
  instance_id: string;
  at: Date | string;
  level: string;
  node_id: string | null;
  message: string;
};

/** A new instance id: `inst-` and 20 lower-case letters or digits. */
export function newInstanceId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(20);
  let id = 'inst-';
  for (const byte of bytes) {
    id += alphabet[byte % alphabet.length];
  }
  return id;
}

/**
 * Instances, their resources and log lines in the plugin database, and the
 * leases that keep two engines from running the same instance: an engine
 * takes a lease with one conditional UPDATE, and every write it makes while
 * running is fenced by it (a write of an engine that lost its lease changes
 * nothing).
 */
export class InstancesStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<InstancesStore> {
    return new InstancesStore(await getMigratedClient(options.database));
  }

  private constructor(private readonly db: Knex) {}

  /** Stores a new `pending` instance with its `pending` resources (in install order) and a first log line. */
  async createInstance(
    instance: NewInstance,
    resources: NewResource[],
    event: NewEvent,
  ): Promise<InstanceRecord> {
    const now = timestamp();
    return this.db.transaction(async tx => {
      const [row] = await tx<InstanceRow>(INSTANCES)
        .insert({
          id: instance.id,
          spec_id: instance.specId,
          kind: instance.kind,
          owner_ref: instance.ownerRef,
          created_by: instance.createdBy,
          provider: instance.provider,
          status: 'pending',
          operation: 'install',
          graph_etag: instance.graphEtag,
          outputs: null,
          secrets: instance.secrets,
          error: null,
          install_result: null,
          install_finished_at: null,
          lease_owner: null,
          lease_expires_at: null,
          created_at: now,
          updated_at: now,
        })
        .returning('*');
      // in chunks: SQLite allows at most 999 bound values per statement
      const rows = resources.map((resource, position) => ({
        instance_id: instance.id,
        node_id: resource.nodeId,
        position,
        type: resource.type,
        name: resource.name,
        definition: JSON.stringify(resource.definition),
        status: 'pending',
        outputs: null,
        secrets: resource.secrets,
        error: null,
        attempts: 0,
        idempotency_key: resource.idempotencyKey,
        started_at: null,
        finished_at: null,
      }));
      for (let i = 0; i < rows.length; i += 50) {
        await tx(RESOURCES).insert(rows.slice(i, i + 50));
      }
      await tx(EVENTS).insert(eventRow(instance.id, event, now));
      return toInstance(row);
    });
  }

  async getInstance(id: string): Promise<InstanceRecord | undefined> {
    const row = await this.db<InstanceRow>(INSTANCES).where({ id }).first();
    return row && toInstance(row);
  }

  /** The resources of an instance, in install order. */
  async listResources(instanceId: string): Promise<ResourceRecord[]> {
    const rows = await this.db<ResourceRow>(RESOURCES)
      .where({ instance_id: instanceId })
      .orderBy('position');
    return rows.map(toResource);
  }

  /**
   * Instances of a spec of one kind, newest first; `cursor` is the id of the
   * last instance of the previous page.
   */
  async listInstancesOfSpec(
    specId: string,
    kind: InstanceKind,
    options: { limit: number; cursor?: string },
  ): Promise<{ items: InstanceRecord[]; nextCursor: string | null }> {
    const query = this.db<InstanceRow>(INSTANCES)
      .where({ spec_id: specId, kind })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(options.limit + 1);
    if (options.cursor) {
      const last = await this.db<InstanceRow>(INSTANCES)
        .where({ id: options.cursor })
        .first('created_at', 'id');
      if (last) {
        const lastCreatedAt = toIso(last.created_at);
        query.where(builder =>
          builder
            .where('created_at', '<', lastCreatedAt)
            .orWhere(inner =>
              inner
                .where('created_at', '=', lastCreatedAt)
                .andWhere('id', '<', last.id),
            ),
        );
      }
    }
    const rows = await query;
    const items = rows.slice(0, options.limit).map(toInstance);
    return {
      items,
      nextCursor:
        rows.length > options.limit ? items[items.length - 1].id : null,
    };
  }

  /**
   * Instances of these specs that hold cloud resources or are about to:
   * installing, installed or uninstalling, or failed with resources left
   * (a rollback or uninstall that could not delete everything). Oldest
   * first, at most `limit`.
   */
  async liveInstancesOfSpecs(
    specIds: string[],
    limit = 20,
  ): Promise<Array<Pick<InstanceRecord, 'id' | 'specId' | 'status'>>> {
    if (specIds.length === 0) {
      return [];
    }
    const rows = await this.db<InstanceRow>(INSTANCES)
      .whereIn('spec_id', specIds)
      .andWhere(live =>
        live
          .whereIn('status', [...ACTIVE_STATUSES, 'running'])
          .orWhere(failed =>
            failed
              .where('status', 'failed')
              .whereExists(
                this.db(RESOURCES)
                  .select(this.db.raw('1'))
                  .whereRaw(`${RESOURCES}.instance_id = ${INSTANCES}.id`)
                  .whereIn('status', [
                    'creating',
                    'ready',
                    'failed',
                    'deleting',
                  ]),
              ),
          ),
      )
      .orderBy([
        { column: 'created_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(limit)
      .select('id', 'spec_id', 'status');
    return rows.map(row => ({
      id: row.id,
      specId: row.spec_id,
      status: row.status as InstanceStatus,
    }));
  }

  async appendEvents(instanceId: string, events: NewEvent[]): Promise<void> {
    if (events.length === 0) {
      return;
    }
    const now = timestamp();
    await this.db(EVENTS).insert(
      events.map(event => eventRow(instanceId, event, now)),
    );
  }

  /** Log lines with an id above `after`, oldest first. */
  async listEvents(
    instanceId: string,
    options: { after?: number; limit: number },
  ): Promise<EventRecord[]> {
    const rows = await this.db<EventRow>(EVENTS)
      .where({ instance_id: instanceId })
      .andWhere('id', '>', options.after ?? 0)
      .orderBy('id', 'asc')
      .limit(options.limit);
    return rows.map(toEvent);
  }

  /** The latest `limit` log lines, oldest first. */
  async latestEvents(
    instanceId: string,
    limit: number,
  ): Promise<EventRecord[]> {
    const rows = await this.db<EventRow>(EVENTS)
      .where({ instance_id: instanceId })
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.reverse().map(toEvent);
  }

  /**
   * Takes the lease of an instance that has work to do, for `owner` until
   * `expiresAt`: one conditional UPDATE, so of several engines only one
   * gets it. It is free when nobody holds it or it has expired.
   */
  async acquireLease(
    id: string,
    owner: string,
    expiresAt: string,
  ): Promise<InstanceRecord | undefined> {
    const now = timestamp();
    const count = await this.db<InstanceRow>(INSTANCES)
      .where({ id })
      .whereIn('status', ACTIVE_STATUSES)
      .andWhere(builder =>
        builder
          .whereNull('lease_owner')
          .orWhere('lease_owner', owner)
          .orWhere('lease_expires_at', '<', now),
      )
      .update({ lease_owner: owner, lease_expires_at: expiresAt });
    if (count === 0) {
      return undefined;
    }
    return this.getInstance(id);
  }

  /**
   * Extends a lease `owner` holds; undefined when it no longer holds it
   * (it expired and another engine took the instance).
   */
  async renewLease(
    id: string,
    owner: string,
    expiresAt: string,
  ): Promise<InstanceRecord | undefined> {
    const count = await this.db<InstanceRow>(INSTANCES)
      .where({ id, lease_owner: owner })
      .update({ lease_expires_at: expiresAt });
    if (count === 0) {
      return undefined;
    }
    return this.getInstance(id);
  }

  /** Gives a lease up, so another engine may take the instance at once. */
  async releaseLease(id: string, owner: string): Promise<void> {
    await this.db<InstanceRow>(INSTANCES)
      .where({ id, lease_owner: owner })
      .update({ lease_owner: null, lease_expires_at: null });
  }

  /** Ids of instances with work to do whose lease is free, oldest first. */
  async findRunnable(limit: number): Promise<string[]> {
    const rows = await this.db<InstanceRow>(INSTANCES)
      .whereIn('status', ACTIVE_STATUSES)
      .andWhere(builder =>
        builder
          .whereNull('lease_owner')
          .orWhere('lease_expires_at', '<', timestamp()),
      )
      .orderBy('created_at')
      .limit(limit)
      .select('id');
    return rows.map(row => row.id);
  }

  /**
   * Changes an instance while `owner` holds its lease (and, with
   * `ifOperation`, while that is still its operation); false otherwise.
   */
  async updateInstance(
    id: string,
    owner: string,
    changes: InstanceChanges,
    options: { ifOperation?: InstanceOperation } = {},
  ): Promise<boolean> {
    const query = this.db<InstanceRow>(INSTANCES).where({
      id,
      lease_owner: owner,
    });
    if (options.ifOperation) {
      query.andWhere('operation', options.ifOperation);
    }
    return (await query.update(instanceColumns(changes))) > 0;
  }

  /**
   * Asks for an instance to be uninstalled (whatever it is doing):
   * `requested`, `already` when it is uninstalling or deleted, undefined
   * without the instance. The engine holding the lease sees the change.
   */
  async requestUninstall(
    id: string,
  ): Promise<'requested' | 'already' | undefined> {
    const count = await this.db<InstanceRow>(INSTANCES)
      .where({ id })
      .whereNotIn('status', ['uninstalling', 'deleted'])
      .update(
        instanceColumns({ status: 'uninstalling', operation: 'uninstall' }),
      );
    if (count > 0) {
      return 'requested';
    }
    return (await this.getInstance(id)) ? 'already' : undefined;
  }

  /** Changes a resource while `owner` holds the instance's lease; false otherwise. */
  async updateResource(
    instanceId: string,
    nodeId: string,
    owner: string,
    changes: ResourceChanges,
  ): Promise<boolean> {
    const db = this.db;
    const count = await db<ResourceRow>(RESOURCES)
      .where({ instance_id: instanceId, node_id: nodeId })
      .whereExists(function leaseHeld() {
        this.select(db.raw('1'))
          .from(INSTANCES)
          .where({ id: instanceId, lease_owner: owner });
      })
      .update(resourceColumns(changes));
    return count > 0;
  }

  /**
   * The key deployment secrets are sealed with when none is configured:
   * generated once, by whichever backend gets there first.
   */
  async generatedKey(): Promise<Buffer> {
    await this.db(KEYS)
      .insert({
        id: 'default',
        key: randomBytes(32).toString('base64'),
        created_at: timestamp(),
      })
      .onConflict('id')
      .ignore();
    const row = await this.db(KEYS).where({ id: 'default' }).first('key');
    return Buffer.from(row.key, 'base64');
  }
}

function eventRow(instanceId: string, event: NewEvent, now: string) {
  return {
    instance_id: instanceId,
    at: event.at ?? now,
    level: event.level,
    node_id: event.nodeId,
    message: event.message,
  };
}

function instanceColumns(changes: InstanceChanges) {
  const now = timestamp();
  return {
    ...(changes.status !== undefined ? { status: changes.status } : {}),
    ...(changes.operation !== undefined
      ? { operation: changes.operation }
      : {}),
    ...(changes.outputs !== undefined
      ? { outputs: changes.outputs && JSON.stringify(changes.outputs) }
      : {}),
    ...(changes.error !== undefined
      ? { error: changes.error && JSON.stringify(changes.error) }
      : {}),
    ...(changes.installResult !== undefined
      ? {
          install_result: changes.installResult,
          install_finished_at: changes.installResult && now,
        }
      : {}),
    updated_at: now,
  };
}

function resourceColumns(changes: ResourceChanges) {
  return {
    ...(changes.status !== undefined ? { status: changes.status } : {}),
    ...(changes.outputs !== undefined
      ? { outputs: changes.outputs && JSON.stringify(changes.outputs) }
      : {}),
    ...(changes.error !== undefined ? { error: changes.error } : {}),
    ...(changes.attempts !== undefined ? { attempts: changes.attempts } : {}),
    ...(changes.startedAt !== undefined
      ? { started_at: changes.startedAt }
      : {}),
    ...(changes.finishedAt !== undefined
      ? { finished_at: changes.finishedAt }
      : {}),
  };
}

function isoOrNull(value: Date | string | null): string | null {
  return value === null ? null : toIso(value);
}

function toInstance(row: InstanceRow): InstanceRecord {
  return {
    id: row.id,
    specId: row.spec_id,
    kind: row.kind as InstanceKind,
    ownerRef: row.owner_ref,
    createdBy: row.created_by,
    provider: row.provider,
    status: row.status as InstanceStatus,
    operation: row.operation as InstanceOperation,
    graphEtag: row.graph_etag,
    outputs: row.outputs ? JSON.parse(row.outputs) : null,
    secrets: row.secrets,
    error: row.error ? JSON.parse(row.error) : null,
    installResult: row.install_result as InstallResult | null,
    installFinishedAt: isoOrNull(row.install_finished_at),
    leaseOwner: row.lease_owner,
    leaseExpiresAt: isoOrNull(row.lease_expires_at),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

function toResource(row: ResourceRow): ResourceRecord {
  return {
    instanceId: row.instance_id,
    nodeId: row.node_id,
    // PostgreSQL may return integers of some drivers as strings
    position: Number(row.position),
    type: row.type,
    name: row.name,
    definition: JSON.parse(row.definition),
    status: row.status as InstanceResourceStatus,
    outputs: row.outputs ? JSON.parse(row.outputs) : null,
    secrets: row.secrets,
    error: row.error,
    attempts: Number(row.attempts),
    idempotencyKey: row.idempotency_key,
    startedAt: isoOrNull(row.started_at),
    finishedAt: isoOrNull(row.finished_at),
  };
}

function toEvent(row: EventRow): EventRecord {
  return {
    id: Number(row.id),
    instanceId: row.instance_id,
    at: toIso(row.at),
    level: row.level as EventRecord['level'],
    nodeId: row.node_id,
    message: row.message,
  };
}
