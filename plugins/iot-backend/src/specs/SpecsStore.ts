import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  DeployLocation,
  imagesOfGraph,
  IotDeploymentTestSummary,
  SpecGraph,
  SpecType,
} from '@internal/backstage-plugin-iot-common';
import { Knex } from 'knex';
import { getMigratedClient } from '../database/migrateDatabase';
import {
  isUniqueViolation,
  nameKeyOf,
  timestamp,
  toIso,
} from '../database/queries';

const SPECS = 'iot_specs';
const SPEC_IMAGES = 'iot_spec_images';

/** A spec as stored, with its dependency graph. */
export type SpecRecord = {
  id: string;
  appId: string;
  name: string;
  type: SpecType;
  deployLocation: DeployLocation;
  description: string;
  allowTrial: boolean;
  graph: SpecGraph;
  /** The latest deployment test; null before the first. */
  lastDeploymentTest: IotDeploymentTestSummary | null;
  /** ETag of the graph of the latest deployment test that reached running. */
  passedTestGraphEtag: string | null;
  /** ISO 8601 timestamps in UTC. */
  createdAt: string;
  updatedAt: string;
};

/** What a new spec is made of; the store adds the times. */
export type NewSpec = Omit<
  SpecRecord,
  'createdAt' | 'updatedAt' | 'lastDeploymentTest' | 'passedTestGraphEtag'
>;

/** The fields an update may change. */
export type SpecChanges = Partial<
  Pick<
    SpecRecord,
    'name' | 'type' | 'deployLocation' | 'description' | 'allowTrial' | 'graph'
  >
>;

/**
 * Outcome of a write that can clash with another spec: on the id, or on the
 * name (unique within the app, whatever the case); or with another write of
 * the graph (`graph`: the stored graph is no longer the one expected).
 */
export type SpecWrite =
  | { spec: SpecRecord }
  | { clash: 'id' | 'name' | 'graph' };

/** A spec whose graph deploys an image version. */
export type ImageUse = {
  specId: string;
  appId: string;
  imageName: string;
  imageVersion: string;
};

type SpecRow = {
  id: string;
  app_id: string;
  name: string;
  name_key: string;
  type: string;
  deploy_location: string;
  description: string;
  allow_trial: boolean | number;
  graph: string;
  last_deployment_test: string | null;
  passed_test_graph_etag: string | null;
  created_at: Date | string;
  updated_at: Date | string;
};

/**
 * Specs of IoT apps in the plugin database. The image versions a spec's
 * graph deploys are kept beside it (`iot_spec_images`), written with the
 * graph, so that image usage is a query.
 */
export class SpecsStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<SpecsStore> {
    return new SpecsStore(await getMigratedClient(options.database));
  }

  private constructor(private readonly db: Knex) {}

  /** Inserts a spec, unless its id, or its name within the app, is taken. */
  async insertSpec(spec: NewSpec): Promise<SpecWrite> {
    const now = timestamp();
    try {
      return await this.db.transaction(async tx => {
        const [row] = await tx<SpecRow>(SPECS)
          .insert({
            id: spec.id,
            app_id: spec.appId,
            name: spec.name,
            name_key: nameKeyOf(spec.name),
            type: spec.type,
            deploy_location: spec.deployLocation,
            description: spec.description,
            allow_trial: spec.allowTrial,
            graph: JSON.stringify(spec.graph),
            created_at: now,
            updated_at: now,
          })
          .onConflict('id')
          .ignore()
          .returning('*');
        if (!row) {
          return { clash: 'id' as const };
        }
        await writeImageUses(tx, spec.id, spec.graph);
        return { spec: toSpec(row) };
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        return { clash: 'name' };
      }
      throw error;
    }
  }

  async findSpec(id: string): Promise<SpecRecord | undefined> {
    const row = await this.db<SpecRow>(SPECS).where({ id }).first();
    return row && toSpec(row);
  }

  /** The spec of the app with that name, whatever its case. */
  async findSpecByName(
    appId: string,
    name: string,
  ): Promise<SpecRecord | undefined> {
    const row = await this.db<SpecRow>(SPECS)
      .where({ app_id: appId, name_key: nameKeyOf(name) })
      .first();
    return row && toSpec(row);
  }

  /** The specs of an app, ordered by name. */
  async listSpecsOfApp(appId: string): Promise<SpecRecord[]> {
    const rows = await this.db<SpecRow>(SPECS)
      .where({ app_id: appId })
      .orderBy([
        { column: 'name_key', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(toSpec);
  }

  /** Specs page by page in id order, for the catalog's full sync. */
  async listSpecs(options: {
    limit: number;
    afterId?: string;
  }): Promise<SpecRecord[]> {
    const query = this.db<SpecRow>(SPECS).orderBy('id').limit(options.limit);
    if (options.afterId !== undefined) {
      query.where('id', '>', options.afterId);
    }
    return (await query).map(toSpec);
  }

  /** Ids in use that are `base` or start with `base-`. */
  async idsLike(base: string): Promise<string[]> {
    const rows = await this.db<SpecRow>(SPECS)
      .where('id', base)
      .orWhere('id', 'like', `${base}-%`)
      .select('id');
    return rows.map(row => row.id);
  }

  /**
   * Changes a spec; undefined when it does not exist. With `ifGraph`, only
   * while the stored graph is still that one (compare-and-swap, so that of
   * two editors who loaded the same graph only the first save wins).
   */
  async updateSpec(
    id: string,
    changes: SpecChanges,
    options: { ifGraph?: SpecGraph } = {},
  ): Promise<SpecWrite | undefined> {
    try {
      const updated = await this.db.transaction(async tx => {
        const query = tx<SpecRow>(SPECS).where({ id });
        if (options.ifGraph) {
          // stored with JSON.stringify, so the same graph is the same text
          query.andWhere('graph', JSON.stringify(options.ifGraph));
        }
        const count = await query.update({
          ...(changes.name !== undefined
            ? { name: changes.name, name_key: nameKeyOf(changes.name) }
            : {}),
          ...(changes.type !== undefined ? { type: changes.type } : {}),
          ...(changes.deployLocation !== undefined
            ? { deploy_location: changes.deployLocation }
            : {}),
          ...(changes.description !== undefined
            ? { description: changes.description }
            : {}),
          ...(changes.allowTrial !== undefined
            ? { allow_trial: changes.allowTrial }
            : {}),
          ...(changes.graph !== undefined
            ? { graph: JSON.stringify(changes.graph) }
            : {}),
          updated_at: timestamp(),
        });
        if (count > 0 && changes.graph !== undefined) {
          await tx(SPEC_IMAGES).where({ spec_id: id }).delete();
          await writeImageUses(tx, id, changes.graph);
        }
        if (count === 0 && options.ifGraph) {
          const exists = await tx<SpecRow>(SPECS).where({ id }).first('id');
          return exists ? ('stale' as const) : false;
        }
        return count > 0;
      });
      if (updated === 'stale') {
        return { clash: 'graph' };
      }
      if (!updated) {
        return undefined;
      }
    } catch (error) {
      if (isUniqueViolation(error)) {
        return { clash: 'name' };
      }
      throw error;
    }
    const spec = await this.findSpec(id);
    return spec && { spec };
  }

  /**
   * Records a deployment test of a spec as its latest, and with
   * `passedGraphEtag` that the graph of that ETag installed. Not a change of
   * the spec: `updated_at` stays. False without the spec.
   */
  async recordDeploymentTest(
    id: string,
    test: IotDeploymentTestSummary,
    passedGraphEtag?: string,
  ): Promise<boolean> {
    const count = await this.db<SpecRow>(SPECS)
      .where({ id })
      .update({
        last_deployment_test: JSON.stringify(test),
        ...(passedGraphEtag ? { passed_test_graph_etag: passedGraphEtag } : {}),
      });
    return count > 0;
  }

  /** Deletes a spec; false when there was none. */
  async deleteSpec(id: string): Promise<boolean> {
    // its image uses go with it (foreign key cascade)
    return (await this.db(SPECS).where({ id }).delete()) > 0;
  }

  /** Which specs deploy versions of those images. */
  async findImageUses(imageNames: string[]): Promise<ImageUse[]> {
    if (imageNames.length === 0) {
      return [];
    }
    const rows = await this.db(SPEC_IMAGES)
      .join(SPECS, `${SPECS}.id`, `${SPEC_IMAGES}.spec_id`)
      .whereIn(`${SPEC_IMAGES}.image_name`, imageNames)
      .orderBy([
        { column: `${SPEC_IMAGES}.image_name` },
        { column: `${SPEC_IMAGES}.image_version` },
        { column: `${SPECS}.id` },
      ])
      .select({
        specId: `${SPECS}.id`,
        appId: `${SPECS}.app_id`,
        imageName: `${SPEC_IMAGES}.image_name`,
        imageVersion: `${SPEC_IMAGES}.image_version`,
      });
    return rows as ImageUse[];
  }
}

async function writeImageUses(
  tx: Knex.Transaction,
  specId: string,
  graph: SpecGraph,
): Promise<void> {
  const uses = imagesOfGraph(graph);
  if (uses.length > 0) {
    await tx(SPEC_IMAGES).insert(
      uses.map(use => ({
        spec_id: specId,
        image_name: use.name,
        image_version: use.version,
      })),
    );
  }
}

function toSpec(row: SpecRow): SpecRecord {
  return {
    id: row.id,
    appId: row.app_id,
    name: row.name,
    type: row.type as SpecType,
    deployLocation: row.deploy_location as DeployLocation,
    description: row.description,
    // SQLite has no booleans: it returns 0 or 1.
    allowTrial: Boolean(row.allow_trial),
    graph: JSON.parse(row.graph),
    lastDeploymentTest: row.last_deployment_test
      ? JSON.parse(row.last_deployment_test)
      : null,
    passedTestGraphEtag: row.passed_test_graph_etag ?? null,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}
