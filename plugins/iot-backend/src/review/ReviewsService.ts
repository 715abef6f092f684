import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  approveReviewRequestSchema,
  IotAppItem,
  IotAppListing,
  IotReviewItem,
  IotReviewSummary,
  isListedState,
  LISTING_IMAGE_FIELDS,
  LISTING_IMAGE_RULES,
  LISTING_TRANSITIONS,
  ListingAction,
  ListingImageField,
  ListingPermissions,
  ListingState,
  listingActionsFrom,
  listingTransition,
  ListingTransition,
  ListReviewsResponse,
  rejectReviewRequestSchema,
  REVIEW_STATUS_OF_LISTING,
  ReviewDecision,
  ReviewField,
  ReviewStatus,
  specIdOfReviewField,
  submissionFieldsSchema,
  unlistRequestSchema,
} from '@internal/backstage-plugin-iot-common';
import { randomBytes } from 'node:crypto';
import { z } from 'zod/v4';
import { appEntityRef } from '../apps/appEntity';
import { AppsService } from '../apps/AppsService';
import { AuditStore } from '../audit/AuditStore';
import { PortalUser } from '../catalog/IsvGroups';
import { IotResourceFilter } from '../permissions';
import { graphETag } from '../specs/graphETag';
import { SpecsService } from '../specs/SpecsService';
import { ReviewNotice } from './ReviewNotifier';
import { diffSubmissions } from './reviewDiff';
import { toHistoryEntry, toReviewSummary } from './reviewItems';
import {
  ListingRecord,
  NewReviewImage,
  ReviewImageRecord,
  ReviewRecord,
  ReviewsStore,
  SubmittedSpecRecord,
} from './ReviewsStore';

/** Validated text fields of a submission. */
export type SubmissionFields = z.output<typeof submissionFieldsSchema>;
/** A validated reject body. */
export type RejectRequest = z.output<typeof rejectReviewRequestSchema>;
/** A validated approve body. */
export type ApproveRequest = z.output<typeof approveReviewRequestSchema>;
/** A validated unlist body. */
export type UnlistRequest = z.output<typeof unlistRequestSchema>;

/** An image of a submission that passed the content checks, with its bytes. */
export type CheckedImage = ReviewImageRecord & { bytes: Buffer };

/** The listing state an app has before its first submission, from its review status. */
const STATE_OF_REVIEW_STATUS: Record<ReviewStatus, ListingState> = {
  draft: 'draft',
  'in-review': 'in-review',
  approved: 'listed',
  rejected: 'rejected',
  unlisted: 'unlisted',
};

/** Words for the 409 of an illegal transition: why the state forbids it. */
const STATE_MEANING: Record<ListingState, string> = {
  draft: 'it has never been submitted',
  'in-review': 'a submission waits for a reviewer',
  listed: 'it is on the marketplace',
  'listed-update-in-review':
    'it is on the marketplace and a new version waits for a reviewer',
  rejected: 'its latest submission was rejected',
  unlisted: 'it was taken off the marketplace',
};

function newReviewId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(20);
  return `rev-${[...bytes].map(byte => alphabet[byte % 36]).join('')}`;
}

/**
 * The rules of review and listing (SPEC-9, REV-1..3), without HTTP: the
 * listing state machine of `LISTING_TRANSITIONS`, submissions of tested
 * specs, decisions by reviewers outside the owning group, the history of
 * every transition, the app's review status and listed specs (published to
 * the catalog through the apps service), audit records and notifications.
 */
export class ReviewsService {
  private readonly store: ReviewsStore;
  private readonly apps: Pick<AppsService, 'getApp' | 'setListing'>;
  private readonly specs: Pick<
    SpecsService,
    'getSpecWithGraph' | 'publishSpecsOfApp'
  >;
  private readonly audit: AuditStore;
  private readonly notify: (notice: ReviewNotice) => Promise<void>;
  private readonly logger: LoggerService;

  constructor(options: {
    store: ReviewsStore;
    apps: Pick<AppsService, 'getApp' | 'setListing'>;
    specs: Pick<SpecsService, 'getSpecWithGraph' | 'publishSpecsOfApp'>;
    audit: AuditStore;
    notify: (notice: ReviewNotice) => Promise<void>;
    logger: LoggerService;
  }) {
    this.store = options.store;
    this.apps = options.apps;
    this.specs = options.specs;
    this.audit = options.audit;
    this.notify = options.notify;
    this.logger = options.logger;
  }

  /**
   * Refuses (409) when the app's listing does not allow `action` now, before
   * a caller reads a large request body for nothing.
   */
  async checkAllowed(appId: string, action: ListingAction): Promise<void> {
    const app = await this.apps.getApp(appId);
    this.transitionOrThrow(app, await this.listingOf(app), action);
  }

  /**
   * Submits an app for review and listing (SPEC-9): the chosen specs must be
   * the app's and have passed a deployment test of their current graph.
   * Images left out are carried over from the app's latest submission.
   */
  async submit(
    appId: string,
    fields: SubmissionFields,
    images: Partial<Record<ListingImageField, CheckedImage>>,
    user: PortalUser,
  ): Promise<IotReviewSummary> {
    const app = await this.apps.getApp(appId);
    const listing = await this.listingOf(app);
    const transition = this.transitionOrThrow(app, listing, 'submit');
    const specs = await this.submittedSpecs(app, fields.specIds);
    const [latest] = (await this.store.listReviewsOfApp(app.id)).slice(-1);
    const newImages: NewReviewImage[] = LISTING_IMAGE_FIELDS.map(field => {
      const image = images[field];
      if (image) {
        return image;
      }
      if (!latest) {
        throw new InputError(
          `the ${LISTING_IMAGE_RULES[field].label} is required: send it in the multipart field '${field}'`,
        );
      }
      return { field, copyFrom: latest.id };
    });

    await this.store.ensureListing(app.id, listing.state);
    const outcome = await this.store.submit(
      {
        id: newReviewId(),
        appId: app.id,
        ownerRef: app.owner,
        appName: app.name,
        isUpdate: isListedState(listing.state),
        listingName: fields.listingName,
        summary: fields.summary,
        specIds: fields.specIds,
        specs,
        submittedBy: user.userEntityRef,
      },
      newImages,
      {
        appId: app.id,
        action: 'submit',
        from: listing.state,
        to: transition.to,
        actorRef: user.userEntityRef,
      },
    );
    if ('conflict' in outcome) {
      throw this.illegal(app, outcome.conflict, 'submit');
    }
    const review = outcome.done;
    await this.settle(app.id, user.userEntityRef, 'review.submitted', {
      review: review.id,
      round: review.round,
      specs: review.specIds,
      from: listing.state,
      to: transition.to,
    });
    await this.notify({
      kind: 'submitted',
      appId: app.id,
      listingName: review.listingName,
      reviewId: review.id,
      ownerRef: review.ownerRef,
      isUpdate: review.isUpdate,
      actorRef: user.userEntityRef,
    });
    return toReviewSummary(review);
  }

  /** Reviews page by page, oldest submission first (REV-1). */
  async listReviews(query: {
    status?: ReviewDecision;
    appId?: string;
    owner?: string;
    q?: string;
    update?: 'true' | 'false';
    limit?: number;
    cursor?: string;
    ownerFilter?: PermissionCriteria<IotResourceFilter>;
  }): Promise<ListReviewsResponse> {
    const page = await this.store.listReviews({
      status: query.status,
      appId: query.appId,
      ownerRef: query.owner?.toLocaleLowerCase('en-US'),
      nameContains: query.q,
      isUpdate:
        query.update === undefined ? undefined : query.update === 'true',
      limit: query.limit,
      cursor: query.cursor,
      ownerFilter: query.ownerFilter,
    });
    return {
      items: page.items.map(toReviewSummary),
      nextCursor: page.nextCursor,
    };
  }

  /** A review as stored; NotFoundError when there is none. */
  async findReview(id: string): Promise<ReviewRecord> {
    const review = await this.store.findReview(id);
    if (!review) {
      throw new NotFoundError(`no review with id ${id}`);
    }
    return review;
  }

  /**
   * A review with its specs as submitted (graphs and deployment tests), the
   * app's listing state, and what changed since the app's previous decided
   * submission.
   */
  async getReview(id: string): Promise<IotReviewItem> {
    const review = await this.findReview(id);
    const app = await this.apps.getApp(review.appId);
    const listing = await this.listingOf(app);
    const previous = await this.store.previousDecided(app.id, review.round);
    const specs = await Promise.all(
      review.specs.map(async spec => ({
        ...spec,
        exists: await this.specs.getSpecWithGraph(spec.id).then(
          () => true,
          () => false,
        ),
      })),
    );
    return {
      ...toReviewSummary(review),
      specs,
      listingState: listing.state,
      previous: previous
        ? {
            id: previous.id,
            round: previous.round,
            status: previous.status,
            decidedAt: previous.decidedAt,
            reason: previous.reason,
            flaggedFields: previous.flaggedFields,
          }
        : null,
      changes: previous ? diffSubmissions(previous, review) : [],
    };
  }

  /** One image of a review with its bytes; NotFoundError when absent. */
  async readImage(id: string, field: ListingImageField) {
    const image = await this.store.readImage(id, field);
    if (!image) {
      throw new NotFoundError(`review ${id} has no ${field}`);
    }
    return image;
  }

  /** Whether the review is the listing on the marketplace now. */
  async isListed(review: ReviewRecord): Promise<boolean> {
    const listing = await this.store.findListing(review.appId);
    return (
      listing !== undefined &&
      isListedState(listing.state) &&
      listing.listedReviewId === review.id
    );
  }

  /** Approves a pending review (REV-2): its specs go on the marketplace. */
  async approve(
    id: string,
    request: ApproveRequest,
    user: PortalUser,
  ): Promise<IotReviewSummary> {
    const { review, app, listing, transition } = await this.decidable(
      id,
      'approve',
      user,
    );
    const outcome = await this.store.decide(
      review.id,
      {
        status: 'approved',
        reason: request.comment || null,
        flaggedFields: [],
      },
      {
        appId: app.id,
        action: 'approve',
        from: listing.state,
        to: transition.to,
        actorRef: user.userEntityRef,
        set: { listedReviewId: review.id, listedSpecIds: review.specIds },
      },
    );
    if ('conflict' in outcome) {
      throw this.illegal(app, outcome.conflict, 'approve');
    }
    await this.settle(app.id, user.userEntityRef, 'review.approved', {
      review: review.id,
      specs: review.specIds,
    });
    await this.notify({
      kind: 'approved',
      appId: app.id,
      listingName: review.listingName,
      reviewId: review.id,
      ownerRef: review.ownerRef,
      reason: request.comment || null,
      flaggedFields: [],
      actorRef: user.userEntityRef,
    });
    return toReviewSummary(outcome.done);
  }

  /**
   * Rejects a pending review (REV-1) with a reason and the fields to fix;
   * a listed app keeps its current listing.
   */
  async reject(
    id: string,
    request: RejectRequest,
    user: PortalUser,
  ): Promise<IotReviewSummary> {
    const { review, app, listing, transition } = await this.decidable(
      id,
      'reject',
      user,
    );
    const flaggedFields = [...new Set(request.flaggedFields)];
    const strangers = flaggedFields.filter(field => {
      const specId = specIdOfReviewField(field);
      return specId !== undefined && !review.specIds.includes(specId);
    });
    if (strangers.length > 0) {
      throw new InputError(
        `invalid body: flaggedFields: ${strangers.join(
          ', ',
        )} is not a spec of this submission; flag one of ${review.specIds
          .map(specId => `spec:${specId}`)
          .join(', ')}`,
      );
    }
    const outcome = await this.store.decide(
      review.id,
      { status: 'rejected', reason: request.reason, flaggedFields },
      {
        appId: app.id,
        action: 'reject',
        from: listing.state,
        to: transition.to,
        actorRef: user.userEntityRef,
      },
    );
    if ('conflict' in outcome) {
      throw this.illegal(app, outcome.conflict, 'reject');
    }
    await this.settle(app.id, user.userEntityRef, 'review.rejected', {
      review: review.id,
      reason: request.reason,
      flaggedFields,
    });
    await this.notify({
      kind: 'rejected',
      appId: app.id,
      listingName: review.listingName,
      reviewId: review.id,
      ownerRef: review.ownerRef,
      reason: request.reason,
      flaggedFields,
      actorRef: user.userEntityRef,
    });
    return toReviewSummary(outcome.done);
  }

  /**
   * Takes a listed app off the marketplace, or with `specId` one of its
   * listed specs (REV-3). Running trials and deployments are not touched.
   */
  async unlist(
    appId: string,
    request: UnlistRequest,
    actorRef: string,
  ): Promise<void> {
    const app = await this.apps.getApp(appId);
    const listing = await this.listingOf(app);
    const action = request.specId ? 'unlist-spec' : 'unlist';
    const transition = this.transitionOrThrow(app, listing, action);
    let listedSpecIds: string[] = [];
    if (request.specId) {
      if (!listing.listedSpecIds.includes(request.specId)) {
        throw new ConflictError(
          `spec '${request.specId}' is not listed with app '${
            app.name
          }'; its listed specs are ${
            listing.listedSpecIds.join(', ') || 'none'
          }`,
        );
      }
      if (listing.listedSpecIds.length === 1) {
        throw new ConflictError(
          `spec '${request.specId}' is the only listed spec of app '${app.name}'; an app is listed with at least one spec — unlist the app instead (leave out specId)`,
        );
      }
      listedSpecIds = listing.listedSpecIds.filter(
        specId => specId !== request.specId,
      );
    }
    await this.store.ensureListing(app.id, listing.state);
    const outcome = await this.store.transition({
      appId: app.id,
      action,
      from: listing.state,
      to: transition.to,
      actorRef,
      reason: request.reason,
      specId: request.specId ?? null,
      set: request.specId
        ? { listedSpecIds }
        : { listedReviewId: null, listedSpecIds: [] },
    });
    if ('conflict' in outcome) {
      throw this.illegal(app, outcome.conflict, action);
    }
    await this.settle(
      app.id,
      actorRef,
      request.specId ? 'app.spec.unlisted' : 'app.unlisted',
      {
        reason: request.reason,
        ...(request.specId ? { spec: request.specId } : {}),
      },
    );
    await this.notify({
      kind: 'unlisted',
      appId: app.id,
      appName: app.name,
      ownerRef: app.owner,
      spec: request.specId
        ? {
            id: request.specId,
            name: await this.listedSpecName(listing, request.specId),
          }
        : null,
      reason: request.reason,
      actorRef,
    });
  }

  /**
   * The app's listing: state, legal actions, what the caller may do (`can`
   * from the router's permission checks, narrowed to the legal actions),
   * the listed and pending submissions, the rejection to answer, and the
   * history of every transition.
   */
  async getListing(
    appId: string,
    caller: { mayManage: boolean; mayDecide: boolean; user: PortalUser },
  ): Promise<IotAppListing> {
    const app = await this.apps.getApp(appId);
    const listing = await this.listingOf(app);
    const reviews = await this.store.listReviewsOfApp(app.id);
    const byId = new Map(reviews.map(review => [review.id, review]));
    const actions = listingActionsFrom(listing.state);
    const lastDecided = [...reviews]
      .reverse()
      .find(review => review.status !== 'pending');
    const listed = listing.listedReviewId
      ? byId.get(listing.listedReviewId)
      : undefined;
    const pending = listing.pendingReviewId
      ? byId.get(listing.pendingReviewId)
      : undefined;
    const can: ListingPermissions = {
      submit: caller.mayManage && actions.includes('submit'),
      decide:
        caller.mayDecide &&
        pending !== undefined &&
        !isOwnApp(app.owner, caller.user),
      unlist:
        (caller.mayManage || caller.mayDecide) && actions.includes('unlist'),
    };
    return {
      appId: app.id,
      state: listing.state,
      reviewStatus: REVIEW_STATUS_OF_LISTING[listing.state],
      actions,
      can,
      listed:
        listed && isListedState(listing.state)
          ? {
              review: toReviewSummary(listed),
              specIds: listing.listedSpecIds,
            }
          : null,
      pending: pending ? toReviewSummary(pending) : null,
      lastRejection:
        lastDecided?.status === 'rejected'
          ? toReviewSummary(lastDecided)
          : null,
      history: (await this.store.listEvents(app.id)).map(toHistoryEntry),
    };
  }

  /**
   * Brings every app's review status and listed specs in line with its
   * listing, e.g. after a crash between the two writes. Run at start.
   */
  async reconcileApps(): Promise<number> {
    let fixed = 0;
    for (const listing of await this.store.listListings()) {
      const before = await this.apps
        .getApp(listing.appId)
        .catch(() => undefined);
      if (!before) {
        continue;
      }
      const after = await this.apps.setListing(
        listing.appId,
        appListingOf(listing),
      );
      if (after.updatedAt !== before.updatedAt) {
        await this.specs.publishSpecsOfApp(listing.appId);
        fixed += 1;
        this.logger.info(
          `Review status of app ${listing.appId} set to ${after.reviewStatus} as its listing (${listing.state}) says`,
        );
      }
    }
    return fixed;
  }

  private async decidable(id: string, action: ListingAction, user: PortalUser) {
    const review = await this.findReview(id);
    const app = await this.apps.getApp(review.appId);
    if (isOwnApp(review.ownerRef, user)) {
      throw new NotAllowedError(
        `${user.userEntityRef} is a member of ${review.ownerRef}, which owns app '${app.name}'; nobody may ${action} a submission of their own group's app — another reviewer must decide`,
      );
    }
    const listing = await this.listingOf(app);
    if (review.status !== 'pending') {
      throw new ConflictError(
        `cannot ${action} review ${review.id} of app '${app.name}': it was already ${review.status} by ${review.decidedBy} at ${review.decidedAt}; only a pending review can be decided`,
      );
    }
    const transition = this.transitionOrThrow(app, listing, action);
    return { review, app, listing, transition };
  }

  /** A listed spec's name as the marketplace shows it: as submitted with the listed version. */
  private async listedSpecName(
    listing: ListingRecord,
    specId: string,
  ): Promise<string> {
    const listed = listing.listedReviewId
      ? await this.store.findReview(listing.listedReviewId)
      : undefined;
    return listed?.specs.find(spec => spec.id === specId)?.name ?? specId;
  }

  /** The app's listing; before the first submission, one derived from its review status. */
  private async listingOf(app: IotAppItem): Promise<ListingRecord> {
    return (
      (await this.store.findListing(app.id)) ?? {
        appId: app.id,
        state: STATE_OF_REVIEW_STATUS[app.reviewStatus],
        listedReviewId: null,
        listedSpecIds: [],
        pendingReviewId: null,
        updatedAt: app.updatedAt,
      }
    );
  }

  private transitionOrThrow(
    app: IotAppItem,
    listing: ListingRecord,
    action: ListingAction,
  ): ListingTransition {
    const transition = listingTransition(listing.state, action);
    if (!transition) {
      throw this.illegal(app, listing, action);
    }
    return transition;
  }

  /** The 409 of an illegal transition: names the state and the attempted action. */
  private illegal(
    app: IotAppItem,
    listing: ListingRecord | undefined,
    action: ListingAction,
  ): ConflictError {
    const state = listing?.state ?? STATE_OF_REVIEW_STATUS[app.reviewStatus];
    const from = LISTING_TRANSITIONS.filter(t => t.action === action).map(
      t => t.from,
    );
    const pending = listing?.pendingReviewId
      ? ` (review ${listing.pendingReviewId})`
      : '';
    return new ConflictError(
      `cannot ${action} app '${app.name}' (${
        app.id
      }): its listing is '${state}' — ${
        STATE_MEANING[state]
      }${pending}; '${action}' is allowed only from ${from
        .map(s => `'${s}'`)
        .join(', ')}`,
    );
  }

  /** The chosen specs as submitted; each must be the app's and tested. */
  private async submittedSpecs(
    app: IotAppItem,
    specIds: string[],
  ): Promise<SubmittedSpecRecord[]> {
    const submitted: SubmittedSpecRecord[] = [];
    for (const specId of specIds) {
      const found = await this.specs.getSpecWithGraph(specId).catch(error => {
        if (error instanceof NotFoundError) {
          return undefined;
        }
        throw error;
      });
      if (!found || found.spec.appId !== app.id) {
        throw new InputError(
          `invalid body: specIds: '${specId}' is not a spec of app '${app.name}' (${app.id})`,
        );
      }
      const { spec, graph } = found;
      if (!spec.passedDeploymentTest) {
        throw new ConflictError(
          `spec '${spec.name}' (${
            spec.id
          }) has not passed a deployment test of its current dependency graph${
            spec.lastDeploymentTest
              ? ` (its latest test ${spec.lastDeploymentTest.instanceId} is ${
                  spec.lastDeploymentTest.status
                }${
                  spec.lastDeploymentTest.status === 'running'
                    ? ', but the graph changed since'
                    : ''
                })`
              : ''
          }; run one first: POST /api/iot/specs/${
            spec.id
          }/deployment-tests, or "Start install" on /iot/specs/${spec.id}`,
        );
      }
      submitted.push({
        id: spec.id,
        name: spec.name,
        type: spec.type,
        deployLocation: spec.deployLocation,
        description: spec.description,
        allowTrial: spec.allowTrial,
        graphEtag: graphETag(graph),
        resourceCount: graph.nodes.length,
        deploymentTest: spec.lastDeploymentTest ?? null,
        graph,
      });
    }
    return submitted;
  }

  /** After a transition: the app's review status and listed specs, and the audit record. */
  private async settle(
    appId: string,
    actorRef: string,
    action: string,
    details: Record<string, string | number | string[] | ReviewField[]>,
  ): Promise<void> {
    const listing = await this.store.findListing(appId);
    if (listing) {
      await this.apps.setListing(appId, appListingOf(listing));
      await this.specs.publishSpecsOfApp(appId);
    }
    await this.audit.append({
      actorRef,
      action,
      targetRef: appEntityRef(appId),
      details,
    });
  }
}

/** What the app record carries of a listing. */
function appListingOf(listing: ListingRecord) {
  return {
    reviewStatus: REVIEW_STATUS_OF_LISTING[listing.state],
    listedSpecIds: isListedState(listing.state) ? listing.listedSpecIds : null,
  };
}

/** Whether the user is a member of (or is) the owning group. */
function isOwnApp(ownerRef: string, user: PortalUser): boolean {
  return user.ownershipEntityRefs.some(
    ref => ref.toLocaleLowerCase('en-US') === ownerRef,
  );
}
