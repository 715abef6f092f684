import { Entity } from '@backstage/catalog-model';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  createSpecRequestSchema,
  EMPTY_SPEC_GRAPH,
  imagesOfGraph,
  ImageVersionUsage,
  IotAppItem,
  IotDeploymentTestSummary,
  IotSpecItem,
  ListSpecsResponse,
  MAX_SPEC_NAME_LENGTH,
  ReviewStatus,
  SpecGraph,
  updateSpecRequestSchema,
} from '@internal/backstage-plugin-iot-common';
import { JsonObject } from '@backstage/types';
import { z } from 'zod/v4';
import { appEntityRef } from '../apps/appEntity';
import { AppsService } from '../apps/AppsService';
import { AuditStore } from '../audit/AuditStore';
import { CatalogPublisher } from '../catalog/CatalogPublisher';
import { freeId, randomId, slugOf } from '../catalog/entityIds';
import { nameKeyOf } from '../database/queries';
import { PreconditionFailedError } from '../http/errors';
import { ImageUsage, ImageUsageMap } from '../images/ImagesService';
import {
  LiveInstances,
  liveInstancesConflict,
} from '../instances/liveInstances';
import { graphETag } from './graphETag';
import { specEntityRef, toSpecEntity } from './specEntity';
import { NewSpec, SpecRecord, SpecsStore } from './SpecsStore';

/** A validated `POST /apps/{appId}/specs` body. */
export type NewSpecRequest = z.output<typeof createSpecRequestSchema>;
/** A validated `PATCH /specs/{specId}` body. */
export type SpecUpdateRequest = z.output<typeof updateSpecRequestSchema>;

/** A spec with its dependency graph. */
export type SpecWithGraph = { spec: IotSpecItem; graph: SpecGraph };

/** How a spec came to be, for the audit log. */
type Origin = { action: string; details?: JsonObject };

/**
 * Why the specs of an app in that review status cannot be deleted (SPEC-4)
 * or their graphs changed: what reviewers see, or what is published, stays.
 */
const FROZEN: Partial<
  Record<ReviewStatus, (change: { done: string; doing: string }) => string>
> = {
  'in-review': change =>
    `which is in review; its specs cannot be ${change.done} until a reviewer approves or rejects it`,
  approved: change =>
    `which is approved (published); ask a reviewer to unlist the app before ${change.doing} its specs`,
};
const DELETE = { done: 'deleted', doing: 'deleting' };
const CHANGE_GRAPH = {
  done: 'changed',
  doing: 'changing the dependency graphs of',
};

/**
 * The rules of specs (SPEC-1..6, SPEC-10), without HTTP: ids derived from
 * the app and the name, names unique within the app, copies, and which
 * image versions the specs deploy (the image usage of IMG-3 and IMG-5).
 * A spec belongs to its app's group and shares its review status. Every
 * change is audited and published to the catalog.
 */
export class SpecsService implements ImageUsage {
  private readonly specs: SpecsStore;
  private readonly apps: Pick<AppsService, 'getApp' | 'findApps'>;
  private readonly audit: AuditStore;
  private readonly publisher: CatalogPublisher;
  private readonly instances: LiveInstances;

  constructor(options: {
    specs: SpecsStore;
    apps: Pick<AppsService, 'getApp' | 'findApps'>;
    audit: AuditStore;
    publisher: CatalogPublisher;
    /** Asked before a spec is deleted: its live instances refuse it. */
    instances: LiveInstances;
  }) {
    this.specs = options.specs;
    this.apps = options.apps;
    this.audit = options.audit;
    this.publisher = options.publisher;
    this.instances = options.instances;
  }

  /** Adds a spec to an app (SPEC-1), with an empty graph unless one is given. */
  async createSpec(
    appId: string,
    request: NewSpecRequest,
    actorRef: string,
    options: { graph?: SpecGraph; origin?: Origin } = {},
  ): Promise<IotSpecItem> {
    const app = await this.apps.getApp(appId);
    await this.checkNameIsFree(app, request.name);
    return this.insert(
      app,
      { ...request, graph: options.graph ?? EMPTY_SPEC_GRAPH },
      actorRef,
      options.origin ?? { action: 'spec.created' },
    );
  }

  /** The specs of an app, ordered by name; NotFoundError without the app. */
  async listSpecs(appId: string): Promise<ListSpecsResponse> {
    const app = await this.apps.getApp(appId);
    const specs = await this.specs.listSpecsOfApp(appId);
    return { items: specs.map(spec => toSpecItem(spec, app)) };
  }

  /** One spec; NotFoundError when there is none. */
  async getSpec(id: string): Promise<IotSpecItem> {
    return (await this.getSpecWithGraph(id)).spec;
  }

  /** One spec with its graph, e.g. to export it (SPEC-5). */
  async getSpecWithGraph(id: string): Promise<SpecWithGraph> {
    const spec = await this.findSpecOrThrow(id);
    const app = await this.apps.getApp(spec.appId);
    return { spec: toSpecItem(spec, app), graph: spec.graph };
  }

  /** The spec as a catalog entity, for permission checks; undefined when absent. */
  async findSpecEntity(id: string): Promise<Entity | undefined> {
    const spec = await this.specs.findSpec(id);
    if (!spec) {
      return undefined;
    }
    const [app] = await this.apps.findApps([spec.appId]);
    return app && toSpecEntity(spec, app);
  }

  /**
   * Publishes the app's specs again, e.g. after a review changed which of
   * them are listed (their review status in the catalog follows the app's).
   */
  async publishSpecsOfApp(appId: string): Promise<void> {
    const app = await this.apps.getApp(appId);
    const specs = await this.specs.listSpecsOfApp(appId);
    await this.publisher.publish({
      upserted: specs.map(spec => toSpecEntity(spec, app)),
      removed: [],
    });
  }

  /** Edits a spec's fields (SPEC-3); the id stays, also when the name changes. */
  async updateSpec(
    id: string,
    changes: SpecUpdateRequest,
    actorRef: string,
  ): Promise<IotSpecItem> {
    const spec = await this.findSpecOrThrow(id);
    const app = await this.apps.getApp(spec.appId);
    const changed = Object.fromEntries(
      Object.entries(changes).filter(
        ([field, value]) =>
          value !== undefined && value !== spec[field as keyof SpecRecord],
      ),
    ) as SpecUpdateRequest;
    if (Object.keys(changed).length === 0) {
      return toSpecItem(spec, app);
    }
    if (changed.name !== undefined) {
      await this.checkNameIsFree(app, changed.name, id);
    }
    const written = await this.specs.updateSpec(id, changed);
    if (!written) {
      throw new NotFoundError(`no spec with id ${id}`);
    }
    if ('clash' in written) {
      throw nameTaken(app, changed.name!);
    }
    await this.audit.append({
      actorRef,
      action: 'spec.updated',
      targetRef: specEntityRef(id),
      details: { changed },
    });
    await this.publisher.publish({
      upserted: [toSpecEntity(written.spec, app)],
      removed: [],
    });
    return toSpecItem(written.spec, app);
  }

  /** Deletes a spec (SPEC-4), unless its app is in review or published. */
  async deleteSpec(id: string, actorRef: string): Promise<void> {
    const spec = await this.findSpecOrThrow(id);
    const app = await this.apps.getApp(spec.appId);
    checkNotFrozen(spec, app, DELETE);
    const live = await this.instances.liveInstancesOfSpecs([id]);
    if (live.length > 0) {
      throw liveInstancesConflict(`spec '${spec.name}'`, live);
    }
    if (!(await this.specs.deleteSpec(id))) {
      throw new NotFoundError(`no spec with id ${id}`);
    }
    await this.audit.append({
      actorRef,
      action: 'spec.deleted',
      targetRef: specEntityRef(id),
      details: { name: spec.name, app: appEntityRef(app.id) },
    });
    await this.publisher.publish({
      upserted: [],
      removed: [specEntityRef(id)],
    });
  }

  /**
   * One spec with its graph, to change its graph: ConflictError while its
   * app is in review or published.
   */
  async getSpecForGraphChange(id: string): Promise<SpecWithGraph> {
    const spec = await this.findSpecOrThrow(id);
    const app = await this.apps.getApp(spec.appId);
    checkNotFrozen(spec, app, CHANGE_GRAPH);
    return { spec: toSpecItem(spec, app), graph: spec.graph };
  }

  /**
   * Replaces a spec's dependency graph (SPEC-7), and with it the image
   * versions the spec deploys, in one transaction; audited and published
   * (the IotSpec's images follow the graph). The caller has validated the
   * graph (SpecGraphService). Refused while the app is in review or
   * published (ConflictError); with `ifGraph`, refused with
   * PreconditionFailedError when another save changed the graph since.
   */
  async replaceGraph(
    id: string,
    graph: SpecGraph,
    actorRef: string,
    options: { ifGraph?: SpecGraph } = {},
  ): Promise<SpecWithGraph> {
    const spec = await this.findSpecOrThrow(id);
    const app = await this.apps.getApp(spec.appId);
    checkNotFrozen(spec, app, CHANGE_GRAPH);
    const written = await this.specs.updateSpec(id, { graph }, options);
    if (!written) {
      throw new NotFoundError(`no spec with id ${id}`);
    }
    if ('clash' in written) {
      throw new PreconditionFailedError(
        `the dependency graph of spec '${spec.name}' was changed by another save since you loaded it; load it again, redo your changes and save`,
      );
    }
    await this.audit.append({
      actorRef,
      action: 'spec.graph.updated',
      targetRef: specEntityRef(id),
      details: {
        nodes: graph.nodes.length,
        edges: graph.edges.length,
        images: imagesOfGraph(graph),
      },
    });
    await this.publisher.publish({
      upserted: [toSpecEntity(written.spec, app)],
      removed: [],
    });
    return { spec: toSpecItem(written.spec, app), graph: written.spec.graph };
  }

  /**
   * Records the latest deployment test of a spec (SPEC-8), and with
   * `passedGraph` that it installed that graph: the spec has passed while
   * that is still its graph. Nothing happens when the spec is gone.
   */
  async recordDeploymentTest(
    id: string,
    test: IotDeploymentTestSummary,
    passedGraphEtag?: string,
  ): Promise<void> {
    await this.specs.recordDeploymentTest(id, test, passedGraphEtag);
  }

  /**
   * Copies a spec into a new spec of the same app (SPEC-6), graph included.
   * Without a name, the copy is called "<name> (copy)", "(copy 2)", ….
   */
  async copySpec(
    id: string,
    request: { name?: string },
    actorRef: string,
  ): Promise<IotSpecItem> {
    const spec = await this.findSpecOrThrow(id);
    const app = await this.apps.getApp(spec.appId);
    const name =
      request.name ?? (await this.freeName(app.id, spec.name, 'copy'));
    await this.checkNameIsFree(app, name);
    return this.insert(
      app,
      {
        name,
        type: spec.type,
        deployLocation: spec.deployLocation,
        description: spec.description,
        allowTrial: spec.allowTrial,
        graph: spec.graph,
      },
      actorRef,
      { action: 'spec.copied', details: { from: specEntityRef(spec.id) } },
    );
  }

  /**
   * A name for a new spec of the app: `name` when it is free, else
   * "<name> (<word>)", "<name> (<word> 2)", … cut to the longest name.
   */
  async freeName(appId: string, name: string, word: string): Promise<string> {
    const taken = new Set(
      (await this.specs.listSpecsOfApp(appId)).map(spec =>
        nameKeyOf(spec.name),
      ),
    );
    if (!taken.has(nameKeyOf(name))) {
      return name;
    }
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? ` (${word})` : ` (${word} ${n})`;
      const candidate = `${name
        .slice(0, MAX_SPEC_NAME_LENGTH - suffix.length)
        .trimEnd()}${suffix}`;
      if (!taken.has(nameKeyOf(candidate))) {
        return candidate;
      }
    }
  }

  /** Per image and version, the specs that deploy it and their apps (IMG-3, IMG-5). */
  async usageOf(imageNames: string[]): Promise<ImageUsageMap> {
    const uses = await this.specs.findImageUses(imageNames);
    const apps = new Map(
      (await this.apps.findApps(uses.map(use => use.appId))).map(app => [
        app.id,
        app,
      ]),
    );
    const usage: ImageUsageMap = new Map();
    for (const use of uses) {
      const versions = usage.get(use.imageName) ?? new Map();
      usage.set(use.imageName, versions);
      const users: ImageVersionUsage[] = versions.get(use.imageVersion) ?? [];
      versions.set(use.imageVersion, users);
      users.push({
        app: appEntityRef(use.appId),
        appTitle: apps.get(use.appId)?.name ?? use.appId,
        spec: specEntityRef(use.specId),
      });
    }
    return usage;
  }

  /** Every spec as a catalog entity, for the catalog's full sync. */
  async catalogEntities(): Promise<Entity[]> {
    const entities: Entity[] = [];
    let afterId: string | undefined;
    for (;;) {
      const specs = await this.specs.listSpecs({ limit: 500, afterId });
      if (specs.length === 0) {
        return entities;
      }
      const apps = new Map(
        (await this.apps.findApps(specs.map(spec => spec.appId))).map(app => [
          app.id,
          app,
        ]),
      );
      for (const spec of specs) {
        const app = apps.get(spec.appId);
        if (app) {
          entities.push(toSpecEntity(spec, app));
        }
      }
      afterId = specs[specs.length - 1].id;
    }
  }

  private async insert(
    app: IotAppItem,
    fields: Omit<NewSpec, 'id' | 'appId'>,
    actorRef: string,
    origin: Origin,
  ): Promise<IotSpecItem> {
    const slug = slugOf(fields.name) || randomId('spec');
    // spec ids are entity names, unique across apps: they start with the app's
    const base = slug.startsWith(`${app.id}-`) ? slug : `${app.id}-${slug}`;
    const taken = await this.specs.idsLike(base);
    for (;;) {
      const id = freeId(base, taken);
      const written = await this.specs.insertSpec({
        id,
        appId: app.id,
        ...fields,
      });
      if ('spec' in written) {
        await this.audit.append({
          actorRef,
          action: origin.action,
          targetRef: specEntityRef(id),
          details: {
            app: appEntityRef(app.id),
            name: fields.name,
            type: fields.type,
            deployLocation: fields.deployLocation,
            ...origin.details,
          },
        });
        await this.publisher.publish({
          upserted: [toSpecEntity(written.spec, app)],
          removed: [],
        });
        return toSpecItem(written.spec, app);
      }
      if (written.clash === 'name') {
        throw nameTaken(app, fields.name);
      }
      // another spec took the id meanwhile: try the next one
      taken.push(id);
    }
  }

  private async checkNameIsFree(
    app: IotAppItem,
    name: string,
    exceptId?: string,
  ): Promise<void> {
    const clash = await this.specs.findSpecByName(app.id, name);
    if (clash && clash.id !== exceptId) {
      throw new ConflictError(
        `app '${app.name}' already has a spec named '${clash.name}' (${clash.id}); spec names are unique per app, whatever their case — choose another name`,
      );
    }
  }

  private async findSpecOrThrow(id: string): Promise<SpecRecord> {
    const spec = await this.specs.findSpec(id);
    if (!spec) {
      throw new NotFoundError(`no spec with id ${id}`);
    }
    return spec;
  }
}

function checkNotFrozen(
  spec: SpecRecord,
  app: IotAppItem,
  change: { done: string; doing: string },
): void {
  const refusal = FROZEN[app.reviewStatus];
  if (refusal) {
    throw new ConflictError(
      `spec '${spec.name}' belongs to app '${app.name}', ${refusal(change)}`,
    );
  }
}

function nameTaken(app: IotAppItem, name: string): ConflictError {
  return new ConflictError(
    `app '${app.name}' already has a spec named '${name}'; spec names are unique per app, whatever their case — choose another name`,
  );
}

function toSpecItem(spec: SpecRecord, app: IotAppItem): IotSpecItem {
  return {
    id: spec.id,
    appId: spec.appId,
    name: spec.name,
    type: spec.type,
    deployLocation: spec.deployLocation,
    description: spec.description,
    allowTrial: spec.allowTrial,
    images: imagesOfGraph(spec.graph),
    owner: app.owner,
    entityRef: specEntityRef(spec.id),
    createdAt: spec.createdAt,
    updatedAt: spec.updatedAt,
    passedDeploymentTest:
      spec.passedTestGraphEtag !== null &&
      spec.passedTestGraphEtag === graphETag(spec.graph),
    lastDeploymentTest: spec.lastDeploymentTest,
  };
}
