import { Entity } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  AppTaxonomy,
  createAppRequestSchema,
  IotAppItem,
  ListAppsResponse,
  ReviewStatus,
  updateAppRequestSchema,
} from '@internal/backstage-plugin-iot-common';
import { z } from 'zod/v4';
import { AuditStore } from '../audit/AuditStore';
import { CatalogPublisher } from '../catalog/CatalogPublisher';
import { freeId, randomId, slugOf } from '../catalog/entityIds';
import { IsvGroups, normalizeGroupRef, PortalUser } from '../catalog/IsvGroups';
import { IotResourceFilter } from '../permissions';
import {
  LiveInstances,
  liveInstancesConflict,
} from '../instances/liveInstances';
import { specEntityRef } from '../specs/specEntity';
import { appEntityRef, toAppEntity } from './appEntity';
import { AppRecord, AppsStore, NewApp } from './AppsStore';

/** A validated `POST /apps` body. */
export type NewAppRequest = z.output<typeof createAppRequestSchema>;
/** A validated `PATCH /apps/{appId}` body. */
export type AppUpdateRequest = z.output<typeof updateAppRequestSchema>;

/** Why an app in that review status cannot be deleted (APP-4). */
const UNDELETABLE: Partial<Record<ReviewStatus, string>> = {
  'in-review':
    'is in review; it cannot be deleted until a reviewer approves or rejects it',
  approved:
    'is approved (published); it cannot be deleted — ask a reviewer to unlist it',
  unlisted:
    'has been published and is now unlisted; published apps keep their record and cannot be deleted',
};

/**
 * The rules of IoT apps (APP-1..5), without HTTP: ids derived from names,
 * names unique per owning ISV group, industry and scenario from the
 * taxonomy, deletion only before publication. Every change is audited and
 * published to the catalog.
 */
export class AppsService {
  private readonly apps: AppsStore;
  private readonly isvGroups: IsvGroups;
  private readonly classification: AppTaxonomy;
  private readonly audit: AuditStore;
  private readonly publisher: CatalogPublisher;
  private readonly instances: LiveInstances;

  constructor(options: {
    apps: AppsStore;
    isvGroups: IsvGroups;
    taxonomy: AppTaxonomy;
    audit: AuditStore;
    publisher: CatalogPublisher;
    /** Asked before an app and its specs are deleted. */
    instances: LiveInstances;
  }) {
    this.instances = options.instances;
    this.apps = options.apps;
    this.isvGroups = options.isvGroups;
    this.classification = options.taxonomy;
    this.audit = options.audit;
    this.publisher = options.publisher;
  }

  /** Industries and their scenarios, as `GET /app-taxonomy` answers. */
  taxonomy(): AppTaxonomy {
    return this.classification;
  }

  /** Creates an app of the user's ISV group (the `owner` field picks one of several). */
  async createApp(
    request: NewAppRequest,
    user: PortalUser,
  ): Promise<IotAppItem> {
    const ownerRef = await this.isvGroups.ownerFor(
      user,
      'create apps',
      request.owner,
    );
    return this.insert(request, ownerRef, user.userEntityRef);
  }

  /**
   * Creates an app for a group the caller has already vouched for (the
   * demo seed); the same rules apply from the name on.
   */
  async createAppAsGroup(
    request: NewAppRequest,
    options: { ownerRef: string; actorRef: string },
  ): Promise<IotAppItem> {
    return this.insert(
      request,
      normalizeGroupRef(options.ownerRef),
      options.actorRef,
    );
  }

  /** Apps page by page, ordered by name (APP-3). */
  async listApps(query: {
    name?: string;
    reviewStatus?: ReviewStatus;
    limit?: number;
    cursor?: string;
    ownerFilter?: PermissionCriteria<IotResourceFilter>;
  }): Promise<ListAppsResponse> {
    const page = await this.apps.listApps({
      nameContains: query.name,
      reviewStatus: query.reviewStatus,
      limit: query.limit,
      cursor: query.cursor,
      ownerFilter: query.ownerFilter,
    });
    return { items: page.items.map(toAppItem), nextCursor: page.nextCursor };
  }

  /** One app; NotFoundError when there is none. */
  async getApp(id: string): Promise<IotAppItem> {
    return toAppItem(await this.findAppOrThrow(id));
  }

  /** The apps of those ids that exist. */
  async findApps(ids: string[]): Promise<IotAppItem[]> {
    return (await this.apps.findApps([...new Set(ids)])).map(toAppItem);
  }

  /** The app as a catalog entity, for permission checks; undefined when absent. */
  async findAppEntity(id: string): Promise<Entity | undefined> {
    const app = await this.apps.findApp(id);
    return app && toAppEntity(app);
  }

  /** Edits an app (APP-2); the id stays, also when the name changes. */
  async updateApp(
    id: string,
    changes: AppUpdateRequest,
    actorRef: string,
  ): Promise<IotAppItem> {
    const app = await this.findAppOrThrow(id);
    const changed = Object.fromEntries(
      Object.entries(changes).filter(
        ([field, value]) =>
          value !== undefined && value !== app[field as keyof AppRecord],
      ),
    ) as AppUpdateRequest;
    if (Object.keys(changed).length === 0) {
      return toAppItem(app);
    }
    if (changed.industry !== undefined || changed.scenario !== undefined) {
      this.checkClassification(
        changed.industry ?? app.industry,
        changed.scenario ?? app.scenario,
      );
    }
    if (changed.name !== undefined) {
      await this.checkNameIsFree(app.ownerRef, changed.name, id);
    }
    const written = await this.apps.updateApp(id, changed);
    if (!written) {
      throw new NotFoundError(`no app with id ${id}`);
    }
    if ('clash' in written) {
      throw nameTaken(app.ownerRef, changed.name!);
    }
    await this.audit.append({
      actorRef,
      action: 'app.updated',
      targetRef: appEntityRef(id),
      details: { changed },
    });
    await this.publisher.publish({
      upserted: [toAppEntity(written.app)],
      removed: [],
    });
    return toAppItem(written.app);
  }

  /**
   * Deletes an app and its specs (APP-4): only drafts and rejected apps; a
   * published app has buyers and a listing history.
   */
  async deleteApp(id: string, actorRef: string): Promise<void> {
    const app = await this.findAppOrThrow(id);
    const refusal = UNDELETABLE[app.reviewStatus];
    if (refusal) {
      throw new ConflictError(`app '${app.name}' ${refusal}`);
    }
    const live = await this.instances.liveInstancesOfSpecs(
      await this.apps.specIdsOfApp(id),
    );
    if (live.length > 0) {
      throw liveInstancesConflict(`app '${app.name}'`, live);
    }
    const deleted = await this.apps.deleteApp(id);
    if (!deleted) {
      throw new NotFoundError(`no app with id ${id}`);
    }
    const specRefs = deleted.specIds.map(specEntityRef);
    await this.audit.append({
      actorRef,
      action: 'app.deleted',
      targetRef: appEntityRef(id),
      details: {
        name: app.name,
        reviewStatus: app.reviewStatus,
        specs: specRefs,
      },
    });
    await this.publisher.publish({
      upserted: [],
      removed: [appEntityRef(id), ...specRefs],
    });
  }

  /**
   * Sets an app's review status and the specs it has on the marketplace, as
   * its listing decides them (REV-1..3: the reviews service owns the
   * rules), and publishes the IotApp. Writes nothing when both are as given.
   */
  async setListing(
    id: string,
    listing: { reviewStatus: ReviewStatus; listedSpecIds: string[] | null },
  ): Promise<IotAppItem> {
    const app = await this.findAppOrThrow(id);
    if (
      app.reviewStatus === listing.reviewStatus &&
      JSON.stringify(app.listedSpecIds) ===
        JSON.stringify(listing.listedSpecIds)
    ) {
      return toAppItem(app);
    }
    const written = await this.apps.updateApp(id, listing);
    if (!written || 'clash' in written) {
      throw new NotFoundError(`no app with id ${id}`);
    }
    await this.publisher.publish({
      upserted: [toAppEntity(written.app)],
      removed: [],
    });
    return toAppItem(written.app);
  }

  /** Every app as a catalog entity, for the catalog's full sync. */
  async catalogEntities(): Promise<Entity[]> {
    const entities: Entity[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.apps.listApps({ limit: 500, cursor });
      entities.push(...page.items.map(toAppEntity));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return entities;
  }

  /** Whether no app exists yet (the demo seed runs only then). */
  async isEmpty(): Promise<boolean> {
    return this.apps.isEmpty();
  }

  private async insert(
    request: NewAppRequest,
    ownerRef: string,
    actorRef: string,
  ): Promise<IotAppItem> {
    this.checkClassification(request.industry, request.scenario);
    await this.checkNameIsFree(ownerRef, request.name);

    const base = slugOf(request.name) || randomId('app');
    const taken = await this.apps.idsLike(base);
    const fields: Omit<NewApp, 'id'> = {
      name: request.name,
      industry: request.industry,
      scenario: request.scenario,
      description: request.description,
      ownerRef,
      createdBy: actorRef,
    };
    for (;;) {
      const id = freeId(base, taken);
      const written = await this.apps.insertApp({ id, ...fields });
      if ('app' in written) {
        await this.audit.append({
          actorRef,
          action: 'app.created',
          targetRef: appEntityRef(id),
          details: {
            name: request.name,
            industry: request.industry,
            scenario: request.scenario,
            owner: ownerRef,
          },
        });
        await this.publisher.publish({
          upserted: [toAppEntity(written.app)],
          removed: [],
        });
        return toAppItem(written.app);
      }
      if (written.clash === 'name') {
        throw nameTaken(ownerRef, request.name);
      }
      // another app took the id meanwhile: try the next one
      taken.push(id);
    }
  }

  private checkClassification(industryId: string, scenarioId: string): void {
    const { industries } = this.classification;
    const industry = industries.find(i => i.id === industryId);
    if (!industry) {
      throw new InputError(
        `industry '${industryId}' is not one of ${industries
          .map(i => i.id)
          .join(', ')} (GET /app-taxonomy)`,
      );
    }
    if (!industry.scenarios.some(s => s.id === scenarioId)) {
      throw new InputError(
        `scenario '${scenarioId}' is not a scenario of industry '${industryId}'; choose one of ${industry.scenarios
          .map(s => s.id)
          .join(', ')}`,
      );
    }
  }

  private async checkNameIsFree(
    ownerRef: string,
    name: string,
    exceptId?: string,
  ): Promise<void> {
    const clash = await this.apps.findAppByName(ownerRef, name);
    if (clash && clash.id !== exceptId) {
      throw new ConflictError(
        `${ownerRef} already has an app named '${clash.name}' (${clash.id}); app names are unique per group, whatever their case — choose another name`,
      );
    }
  }

  private async findAppOrThrow(id: string): Promise<AppRecord> {
    const app = await this.apps.findApp(id);
    if (!app) {
      throw new NotFoundError(`no app with id ${id}`);
    }
    return app;
  }
}

function nameTaken(ownerRef: string, name: string): ConflictError {
  return new ConflictError(
    `${ownerRef} already has an app named '${name}'; app names are unique per group, whatever their case — choose another name`,
  );
}

function toAppItem(app: AppRecord): IotAppItem {
  return {
    id: app.id,
    name: app.name,
    industry: app.industry,
    scenario: app.scenario,
    description: app.description,
    reviewStatus: app.reviewStatus,
    owner: app.ownerRef,
    entityRef: appEntityRef(app.id),
    specCount: app.specCount,
    listedSpecIds: app.listedSpecIds ?? [],
    createdBy: app.createdBy,
    createdAt: app.createdAt,
    updatedAt: app.updatedAt,
  };
}
