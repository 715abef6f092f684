import { DatabaseService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import { getMigratedClient } from '../database/migrateDatabase';

const TABLE = 'iot_audit_events';
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;

/** A recorded state transition of a portal object. */
export type AuditEvent = {
  id: number;
  actorRef: string;
  action: string;
  targetRef: string;
  details: JsonObject;
  /** ISO 8601 timestamp in UTC. */
  createdAt: string;
};

/** What a caller records; id and time are assigned by the store. */
export type NewAuditEvent = {
  actorRef: string;
  action: string;
  targetRef: string;
  details?: JsonObject;
};

/** One page of events, newest first. */
export type AuditEventPage = {
  items: AuditEvent[];
  /** Pass as `cursor` to get the next (older) page; absent on the last page. */
  nextCursor?: number;
};

type AuditEventRow = {
  id: number;
  actor_ref: string;
  action: string;
  target_ref: string;
  details: string;
  created_at: Date | string;
};

/** Append-only log of state transitions in the plugin database. */
export class AuditStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<AuditStore> {
    return new AuditStore(await getMigratedClient(options.database));
  }

  private constructor(private readonly db: Knex) {}

  async append(event: NewAuditEvent): Promise<AuditEvent> {
    const [row] = await this.db<AuditEventRow>(TABLE)
      .insert({
        actor_ref: event.actorRef,
        action: event.action,
        target_ref: event.targetRef,
        details: JSON.stringify(event.details ?? {}),
      })
      .returning('*');
    return toAuditEvent(row);
  }

  /**
   * Events of one target, newest first. `limit` is clamped to 1..500
   * (default 50); `cursor` is the `nextCursor` of the previous page.
   */
  async listByTarget(
    targetRef: string,
    options: { limit?: number; cursor?: number } = {},
  ): Promise<AuditEventPage> {
    const limit = Math.min(
      Math.max(Math.trunc(options.limit ?? DEFAULT_LIMIT), 1),
      MAX_LIMIT,
    );
    const query = this.db<AuditEventRow>(TABLE)
      .where('target_ref', targetRef)
      .orderBy('id', 'desc')
      // One extra row tells whether there is a next page.
      .limit(limit + 1);
    if (options.cursor !== undefined) {
      query.where('id', '<', options.cursor);
    }
    const rows = await query;
    const items = rows.slice(0, limit).map(toAuditEvent);
    return rows.length > limit
      ? { items, nextCursor: items[items.length - 1].id }
      : { items };
  }
}

function toAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    id: Number(row.id),
    actorRef: row.actor_ref,
    action: row.action,
    targetRef: row.target_ref,
    details: JSON.parse(row.details),
    createdAt: toIsoTimestamp(row.created_at),
  };
}

/**
 * PostgreSQL returns a Date; SQLite returns CURRENT_TIMESTAMP's text
 * ('YYYY-MM-DD HH:MM:SS', UTC, no zone designator).
 */
function toIsoTimestamp(value: Date | string): string {
  if (value instanceof Date) {
    return value.toISOString();
  }
  const hasZone = /(Z|[+-]\d\d:?\d\d)$/.test(value);
  return new Date(
    hasZone ? value : `${value.replace(' ', 'T')}Z`,
  ).toISOString();
}
