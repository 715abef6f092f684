import { DatabaseService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import { getMigratedClient } from '../../database/migrateDatabase';
import { timestamp, toIso } from '../../database/queries';

const TABLE = 'iot_sandbox_resources';

/** A resource of the simulated cloud. */
export type SandboxResource = {
  id: number;
  idempotencyKey: string;
  instanceId: string;
  nodeId: string;
  type: string;
  cloudId: string;
  outputs: JsonObject;
  creator: string;
  createdAt: string;
  /** Null while it hangs. */
  readyAt: string | null;
  deletedAt: string | null;
};

type SandboxRow = {
  id: number;
  idempotency_key: string;
  instance_id: string;
  node_id: string;
  type: string;
  cloud_id: string;
  outputs: string;
  creator: string;
  created_at: Date | string;
  ready_at: Date | string | null;
  deleted_at: Date | string | null;
};

/** The outcome of a creation: the resource, or the quota it would exceed. */
export type SandboxInsert =
  | { resource: SandboxResource; existed: boolean }
  | { quotaExceeded: { limit: number; used: number } };

/**
 * The sandbox provider's cloud in the plugin database, so that what it
 * created survives a restart and can be counted (no resource left after a
 * rollback; none created twice). Deleted resources are kept, marked.
 */
export class SandboxStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<SandboxStore> {
    return new SandboxStore(await getMigratedClient(options.database));
  }

  private constructor(private readonly db: Knex) {}

  /** The live (not deleted) resource created under `idempotencyKey`. */
  async findLive(idempotencyKey: string): Promise<SandboxResource | undefined> {
    const row = await this.db<SandboxRow>(TABLE)
      .where({ idempotency_key: idempotencyKey })
      .whereNull('deleted_at')
      .orderBy('id')
      .first();
    return row && toResource(row);
  }

  /**
   * Creates a resource unless one lives under its key (then that one), or
   * unless `quota` live resources of its type exist.
   */
  async insertUnlessExists(
    resource: Omit<SandboxResource, 'id' | 'createdAt' | 'deletedAt'>,
    quota: number | undefined,
  ): Promise<SandboxInsert> {
    return this.db.transaction(async tx => {
      const existing = await tx<SandboxRow>(TABLE)
        .where({ idempotency_key: resource.idempotencyKey })
        .whereNull('deleted_at')
        .first();
      if (existing) {
        return { resource: toResource(existing), existed: true };
      }
      if (quota !== undefined) {
        const used = await countOf(
          tx<SandboxRow>(TABLE)
            .where({ type: resource.type })
            .whereNull('deleted_at'),
        );
        if (used >= quota) {
          return { quotaExceeded: { limit: quota, used } };
        }
      }
      const [row] = await tx<SandboxRow>(TABLE)
        .insert({
          idempotency_key: resource.idempotencyKey,
          instance_id: resource.instanceId,
          node_id: resource.nodeId,
          type: resource.type,
          cloud_id: resource.cloudId,
          outputs: JSON.stringify(resource.outputs),
          creator: resource.creator,
          created_at: timestamp(),
          ready_at: resource.readyAt,
          deleted_at: null,
        })
        .returning('*');
      return { resource: toResource(row), existed: false };
    });
  }

  /** Marks the live resources of a key deleted; how many there were. */
  async markDeleted(idempotencyKey: string): Promise<number> {
    return this.db<SandboxRow>(TABLE)
      .where({ idempotency_key: idempotencyKey })
      .whereNull('deleted_at')
      .update({ deleted_at: timestamp() });
  }

  /** Every resource, deleted ones included, optionally of one instance, in creation order. */
  async list(
    options: { instanceId?: string; live?: boolean } = {},
  ): Promise<SandboxResource[]> {
    const query = this.db<SandboxRow>(TABLE).orderBy('id');
    if (options.instanceId) {
      query.where({ instance_id: options.instanceId });
    }
    if (options.live) {
      query.whereNull('deleted_at');
    }
    return (await query).map(toResource);
  }
}

async function countOf(query: Knex.QueryBuilder): Promise<number> {
  const [{ count }] = await query.count({ count: '*' });
  // PostgreSQL counts as a string
  return Number(count);
}

function toResource(row: SandboxRow): SandboxResource {
  return {
    id: Number(row.id),
    idempotencyKey: row.idempotency_key,
    instanceId: row.instance_id,
    nodeId: row.node_id,
    type: row.type,
    cloudId: row.cloud_id,
    outputs: JSON.parse(row.outputs),
    creator: row.creator,
    createdAt: toIso(row.created_at),
    readyAt: row.ready_at === null ? null : toIso(row.ready_at),
    deletedAt: row.deleted_at === null ? null : toIso(row.deleted_at),
  };
}
