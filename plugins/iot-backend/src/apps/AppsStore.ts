import { DatabaseService } from '@backstage/backend-plugin-api';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { ReviewStatus } from '@internal/backstage-plugin-iot-common';
import { Knex } from 'knex';
import { getMigratedClient } from '../database/migrateDatabase';
import {
  applyOwnerFilter,
  decodeCursor,
  encodeCursor,
  isUniqueViolation,
  nameKeyOf,
  pageLimit,
  timestamp,
  toIso,
  whereContains,
} from '../database/queries';
import { IotResourceFilter } from '../permissions';

const APPS = 'iot_apps';
// Specs are part of their app: counted with it, and deleted with it (by the
// foreign key's cascade). Everything else about them is the specs store's.
const SPECS = 'iot_specs';

/** An app as stored. */
export type AppRecord = {
  id: string;
  name: string;
  industry: string;
  scenario: string;
  description: string;
  reviewStatus: ReviewStatus;
  /** Lower-case entity ref of the owning group. */
  ownerRef: string;
  createdBy: string;
  /** Number of specs of the app. */
  specCount: number;
  /** Ids of the specs on the marketplace (REV-2); null while the app is not listed. */
  listedSpecIds: string[] | null;
  /** ISO 8601 timestamps in UTC. */
  createdAt: string;
  updatedAt: string;
};

/** What a new app is made of; the store adds status, count and times. */
export type NewApp = Pick<
  AppRecord,
  | 'id'
  | 'name'
  | 'industry'
  | 'scenario'
  | 'description'
  | 'ownerRef'
  | 'createdBy'
>;

/** The fields an update may change. */
export type AppChanges = Partial<
  Pick<
    AppRecord,
    | 'name'
    | 'industry'
    | 'scenario'
    | 'description'
    | 'reviewStatus'
    | 'listedSpecIds'
  >
>;

/**
 * Outcome of a write that can clash with another app: on the id, or on the
 * name (unique per owner, whatever the case).
 */
export type AppWrite = { app: AppRecord } | { clash: 'id' | 'name' };

export type ListAppsOptions = {
  /** Part of the app name (case-insensitive). */
  nameContains?: string;
  reviewStatus?: ReviewStatus;
  /** Owner filter from the permission framework's conditional decision. */
  ownerFilter?: PermissionCriteria<IotResourceFilter>;
  /** Page size, clamped to 1..500 (default 50). */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
};

/** One page of apps, ordered by name (case-insensitive), then id. */
export type AppPage = {
  items: AppRecord[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
};

type AppRow = {
  id: string;
  name: string;
  name_key: string;
  industry: string;
  scenario: string;
  description: string;
  review_status: string;
  owner_ref: string;
  created_by: string;
  created_at: Date | string;
  updated_at: Date | string;
  listed_spec_ids: string | null;
  spec_count?: number | string;
};

/** IoT apps in the plugin database. */
export class AppsStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<AppsStore> {
    return new AppsStore(await getMigratedClient(options.database));
  }

  private constructor(private readonly db: Knex) {}

  /** Inserts an app in status draft, unless its id or its name is taken. */
  async insertApp(app: NewApp): Promise<AppWrite> {
    const now = timestamp();
    try {
      const [row] = await this.db<AppRow>(APPS)
        .insert({
          id: app.id,
          name: app.name,
          name_key: nameKeyOf(app.name),
          industry: app.industry,
          scenario: app.scenario,
          description: app.description,
          review_status: 'draft',
          owner_ref: app.ownerRef,
          created_by: app.createdBy,
          created_at: now,
          updated_at: now,
        })
        .onConflict('id')
        .ignore()
        .returning('*');
      return row ? { app: toApp({ ...row, spec_count: 0 }) } : { clash: 'id' };
    } catch (error) {
      if (isUniqueViolation(error)) {
        return { clash: 'name' };
      }
      throw error;
    }
  }

  async findApp(id: string): Promise<AppRecord | undefined> {
    const [app] = await this.findApps([id]);
    return app;
  }

  /** The apps of those ids that exist, in id order. */
  async findApps(ids: string[]): Promise<AppRecord[]> {
    if (ids.length === 0) {
      return [];
    }
    const rows = await this.selectApps()
      .whereIn(`${APPS}.id`, ids)
      .orderBy(`${APPS}.id`);
    return rows.map(toApp);
  }

  /** The app of `ownerRef` with that name, whatever its case. */
  async findAppByName(
    ownerRef: string,
    name: string,
  ): Promise<AppRecord | undefined> {
    const row = await this.selectApps()
      .where({ owner_ref: ownerRef, name_key: nameKeyOf(name) })
      .first();
    return row && toApp(row);
  }

  /** Ids in use that are `base` or start with `base-`. */
  async idsLike(base: string): Promise<string[]> {
    const rows = await this.db<AppRow>(APPS)
      .where('id', base)
      .orWhere('id', 'like', `${base}-%`)
      .select('id');
    return rows.map(row => row.id);
  }

  /** Apps page by page, ordered by name. */
  async listApps(options: ListAppsOptions = {}): Promise<AppPage> {
    const limit = pageLimit(options.limit);
    const query = this.selectApps()
      .orderBy([
        { column: `${APPS}.name_key`, order: 'asc' },
        { column: `${APPS}.id`, order: 'asc' },
      ])
      // One extra row tells whether there is a next page.
      .limit(limit + 1);
    if (options.nameContains) {
      whereContains(query, `${APPS}.name_key`, nameKeyOf(options.nameContains));
    }
    if (options.reviewStatus) {
      query.where(`${APPS}.review_status`, options.reviewStatus);
    }
    if (options.ownerFilter) {
      applyOwnerFilter(query, `${APPS}.owner_ref`, options.ownerFilter);
    }
    if (options.cursor !== undefined) {
      const [nameKey, id] = decodeCursor(options.cursor);
      query.where(after =>
        after
          .where(`${APPS}.name_key`, '>', nameKey)
          .orWhere(same =>
            same
              .where(`${APPS}.name_key`, nameKey)
              .andWhere(`${APPS}.id`, '>', id),
          ),
      );
    }
    const rows = await query;
    const items = rows.slice(0, limit).map(toApp);
    const last = rows[limit - 1];
    return {
      items,
      nextCursor:
        rows.length > limit ? encodeCursor(last.name_key, last.id) : null,
    };
  }

  /** Changes an app; undefined when it does not exist. */
  async updateApp(
    id: string,
    changes: AppChanges,
  ): Promise<AppWrite | undefined> {
    try {
      const updated = await this.db<AppRow>(APPS)
        .where({ id })
        .update({
          ...(changes.name !== undefined
            ? { name: changes.name, name_key: nameKeyOf(changes.name) }
            : {}),
          ...(changes.industry !== undefined
            ? { industry: changes.industry }
            : {}),
          ...(changes.scenario !== undefined
            ? { scenario: changes.scenario }
            : {}),
          ...(changes.description !== undefined
            ? { description: changes.description }
            : {}),
          ...(changes.reviewStatus !== undefined
            ? { review_status: changes.reviewStatus }
            : {}),
          ...(changes.listedSpecIds !== undefined
            ? {
                listed_spec_ids:
                  changes.listedSpecIds &&
                  JSON.stringify(changes.listedSpecIds),
              }
            : {}),
          updated_at: timestamp(),
        });
      if (updated === 0) {
        return undefined;
      }
    } catch (error) {
      if (isUniqueViolation(error)) {
        return { clash: 'name' };
      }
      throw error;
    }
    const app = await this.findApp(id);
    return app && { app };
  }

  /**
   * Deletes an app and its specs. Returns the ids of the deleted specs, or
   * undefined when there was no such app.
   */
  /** Ids of the app's specs, ordered. */
  async specIdsOfApp(id: string): Promise<string[]> {
    const specs = await this.db(SPECS)
      .where({ app_id: id })
      .select('id')
      .orderBy('id');
    return specs.map(spec => spec.id as string);
  }

  async deleteApp(id: string): Promise<{ specIds: string[] } | undefined> {
    return this.db.transaction(async tx => {
      const specs = await tx(SPECS)
        .where({ app_id: id })
        .select('id')
        .orderBy('id');
      const deleted = await tx(APPS).where({ id }).delete();
      return deleted === 0
        ? undefined
        : { specIds: specs.map(spec => spec.id as string) };
    });
  }

  /** Whether no app has been created yet. */
  async isEmpty(): Promise<boolean> {
    return !(await this.db(APPS).first('id'));
  }

  private selectApps() {
    return this.db<AppRow>(APPS).select(
      `${APPS}.*`,
      this.db(SPECS)
        .count('*')
        .whereRaw('??.?? = ??.??', [SPECS, 'app_id', APPS, 'id'])
        .as('spec_count'),
    );
  }
}

function toApp(row: AppRow): AppRecord {
  return {
    id: row.id,
    name: row.name,
    industry: row.industry,
    scenario: row.scenario,
    description: row.description,
    reviewStatus: row.review_status as ReviewStatus,
    ownerRef: row.owner_ref,
    createdBy: row.created_by,
    // PostgreSQL counts in bigint, which arrives as a string.
    specCount: Number(row.spec_count ?? 0),
    listedSpecIds: row.listed_spec_ids ? JSON.parse(row.listed_spec_ids) : null,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}
