import { DatabaseService } from '@backstage/backend-plugin-api';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  LISTING_IMAGE_FIELDS,
  ListingAction,
  ListingImageField,
  ListingImageFormat,
  ListingState,
  ReviewDecision,
  ReviewField,
  SpecGraph,
  SubmittedSpec,
} from '@internal/backstage-plugin-iot-common';
import { Knex } from 'knex';
import { getMigratedClient } from '../database/migrateDatabase';
import {
  applyOwnerFilter,
  decodeCursor,
  encodeCursor,
  pageLimit,
  timestamp,
  toIso,
} from '../database/queries';
import { IotResourceFilter } from '../permissions';

const REVIEWS = 'iot_reviews';
const IMAGES = 'iot_review_images';
const LISTINGS = 'iot_app_listings';
const EVENTS = 'iot_listing_events';

/** An image of a submission, without its bytes. */
export type ReviewImageRecord = {
  field: ListingImageField;
  format: ListingImageFormat;
  width: number;
  height: number;
  sizeBytes: number;
  sha256: string;
};

/** An image a new submission brings, or takes over from an earlier one of the app. */
export type NewReviewImage =
  | (ReviewImageRecord & { bytes: Buffer })
  | { field: ListingImageField; copyFrom: string };

/** A spec as submitted, with the graph it had. */
export type SubmittedSpecRecord = SubmittedSpec & { graph: SpecGraph };

/** A submission (= review) as stored. */
export type ReviewRecord = {
  id: string;
  appId: string;
  round: number;
  /** Lower-case entity ref of the owning group. */
  ownerRef: string;
  appName: string;
  isUpdate: boolean;
  listingName: string;
  summary: string;
  specIds: string[];
  specs: SubmittedSpecRecord[];
  status: ReviewDecision;
  submittedBy: string;
  /** ISO 8601 times in UTC. */
  submittedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
  flaggedFields: ReviewField[];
  images: Record<ListingImageField, ReviewImageRecord>;
};

/** What a new submission is made of; the store adds round, status and time. */
export type NewReview = Pick<
  ReviewRecord,
  | 'id'
  | 'appId'
  | 'ownerRef'
  | 'appName'
  | 'isUpdate'
  | 'listingName'
  | 'summary'
  | 'specIds'
  | 'specs'
  | 'submittedBy'
>;

/** An app's listing as stored. */
export type ListingRecord = {
  appId: string;
  state: ListingState;
  listedReviewId: string | null;
  listedSpecIds: string[];
  pendingReviewId: string | null;
  updatedAt: string;
};

/** A recorded transition. */
export type ListingEventRecord = {
  id: number;
  appId: string;
  reviewId: string | null;
  action: ListingAction;
  from: ListingState;
  to: ListingState;
  actorRef: string;
  at: string;
  reason: string | null;
  flaggedFields: ReviewField[];
  specId: string | null;
};

/** A transition to record: the event, and the listing fields it sets besides the state. */
export type ListingChange = {
  appId: string;
  action: ListingAction;
  from: ListingState;
  to: ListingState;
  actorRef: string;
  reason?: string | null;
  flaggedFields?: ReviewField[];
  specId?: string | null;
  reviewId?: string | null;
  set?: Partial<
    Pick<ListingRecord, 'listedReviewId' | 'listedSpecIds' | 'pendingReviewId'>
  >;
};

/** Outcome of a transition: done, or refused because the listing was no longer in `from`. */
export type TransitionOutcome<T> =
  | { done: T }
  | { conflict: ListingRecord | undefined };

export type ListReviewsOptions = {
  status?: ReviewDecision;
  appId?: string;
  ownerRef?: string;
  /** Part of the listing or app name (case-insensitive). */
  nameContains?: string;
  isUpdate?: boolean;
  ownerFilter?: PermissionCriteria<IotResourceFilter>;
  limit?: number;
  cursor?: string;
};

/** One page of reviews, oldest submission first. */
export type ReviewPage = { items: ReviewRecord[]; nextCursor: string | null };

type ReviewRow = {
  id: string;
  app_id: string;
  round: number;
  owner_ref: string;
  app_name: string;
  is_update: boolean | number;
  listing_name: string;
  summary: string;
  spec_ids: string;
  specs: string;
  status: string;
  submitted_by: string;
  submitted_at: Date | string;
  decided_by: string | null;
  decided_at: Date | string | null;
  reason: string | null;
  flagged_fields: string;
};

type ImageRow = {
  review_id: string;
  field: string;
  format: string;
  width: number;
  height: number;
  size_bytes: number;
  sha256: string;
  bytes?: Buffer;
};

type ListingRow = {
  app_id: string;
  state: string;
  listed_review_id: string | null;
  listed_spec_ids: string;
  pending_review_id: string | null;
  updated_at: Date | string;
};

type EventRow = {
  id: number;
  app_id: string;
  review_id: string | null;
  action: string;
  from_state: string;
  to_state: string;
  actor_ref: string;
  at: Date | string;
  reason: string | null;
  flagged_fields: string;
  spec_id: string | null;
};

/** Thrown inside a decision's transaction to roll it back. */
class ReviewNoLongerPending extends Error {}

/**
 * Submissions, their images, listing states and listing history in the
 * plugin database. Every transition is one transaction that changes the
 * listing only if it is still in the state the caller saw, and records
 * the event; so two reviewers deciding at once cannot both win.
 */
export class ReviewsStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<ReviewsStore> {
    return new ReviewsStore(await getMigratedClient(options.database));
  }

  private constructor(private readonly db: Knex) {}

  /** The app's listing; undefined before it was first submitted. */
  async findListing(appId: string): Promise<ListingRecord | undefined> {
    const row = await this.db<ListingRow>(LISTINGS)
      .where({ app_id: appId })
      .first();
    return row && toListing(row);
  }

  /** Every listing, for reconciling the apps' review status at start. */
  async listListings(): Promise<ListingRecord[]> {
    const rows = await this.db<ListingRow>(LISTINGS).orderBy('app_id');
    return rows.map(toListing);
  }

  async findReview(id: string): Promise<ReviewRecord | undefined> {
    const [review] = await this.findReviews([id]);
    return review;
  }

  /** The reviews of those ids that exist, in no particular order. */
  async findReviews(ids: string[]): Promise<ReviewRecord[]> {
    if (ids.length === 0) {
      return [];
    }
    const rows = await this.db<ReviewRow>(REVIEWS).whereIn('id', ids);
    return this.withImages(rows);
  }

  /** Every submission of an app, by round. */
  async listReviewsOfApp(appId: string): Promise<ReviewRecord[]> {
    const rows = await this.db<ReviewRow>(REVIEWS)
      .where({ app_id: appId })
      .orderBy('round');
    return this.withImages(rows);
  }

  /** The app's latest decided submission before `round` (any round without it). */
  async previousDecided(
    appId: string,
    beforeRound?: number,
  ): Promise<ReviewRecord | undefined> {
    const query = this.db<ReviewRow>(REVIEWS)
      .where({ app_id: appId })
      .whereNot({ status: 'pending' })
      .orderBy('round', 'desc')
      .first();
    if (beforeRound !== undefined) {
      query.where('round', '<', beforeRound);
    }
    const row = await query;
    return row && (await this.withImages([row]))[0];
  }

  /** Reviews page by page, oldest submission first (the queue, REV-1). */
  async listReviews(options: ListReviewsOptions = {}): Promise<ReviewPage> {
    const limit = pageLimit(options.limit);
    const query = this.db<ReviewRow>(REVIEWS)
      .orderBy([
        { column: 'submitted_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(limit + 1);
    if (options.status) {
      query.where('status', options.status);
    }
    if (options.appId) {
      query.where('app_id', options.appId);
    }
    if (options.ownerRef) {
      query.where('owner_ref', options.ownerRef);
    }
    if (options.isUpdate !== undefined) {
      query.where('is_update', options.isUpdate);
    }
    if (options.nameContains) {
      const pattern = `%${options.nameContains
        .toLocaleLowerCase('en-US')
        .replace(/[\\%_]/g, match => `\\${match}`)}%`;
      // SQLite's LIKE has no default escape character, so it is named
      query.where(names =>
        names
          .whereRaw(`lower(listing_name) like ? escape '\\'`, [pattern])
          .orWhereRaw(`lower(app_name) like ? escape '\\'`, [pattern]),
      );
    }
    if (options.ownerFilter) {
      applyOwnerFilter(query, 'owner_ref', options.ownerFilter);
    }
    if (options.cursor !== undefined) {
      const [submittedAt, id] = decodeCursor(
        options.cursor,
        key => !Number.isNaN(Date.parse(key)),
      );
      query.where(after =>
        after
          .where('submitted_at', '>', submittedAt)
          .orWhere(same =>
            same.where('submitted_at', submittedAt).andWhere('id', '>', id),
          ),
      );
    }
    const rows = await query;
    const items = await this.withImages(rows.slice(0, limit));
    const last = items[limit - 1];
    return {
      items,
      nextCursor:
        rows.length > limit ? encodeCursor(last.submittedAt, last.id) : null,
    };
  }

  /** The app's transitions, oldest first. */
  async listEvents(appId: string): Promise<ListingEventRecord[]> {
    const rows = await this.db<EventRow>(EVENTS)
      .where({ app_id: appId })
      .orderBy('id');
    return rows.map(toEvent);
  }

  /** One image with its bytes; undefined when the review has none (or is gone). */
  async readImage(
    reviewId: string,
    field: ListingImageField,
  ): Promise<(ReviewImageRecord & { bytes: Buffer }) | undefined> {
    const row = await this.db<ImageRow>(IMAGES)
      .where({ review_id: reviewId, field })
      .first();
    return row && { ...toImage(row), bytes: Buffer.from(row.bytes!) };
  }

  /** Creates the app's listing in `state` unless it exists. */
  async ensureListing(appId: string, state: ListingState): Promise<void> {
    await this.db<ListingRow>(LISTINGS)
      .insert({
        app_id: appId,
        state,
        listed_review_id: null,
        listed_spec_ids: '[]',
        pending_review_id: null,
        updated_at: timestamp(),
      })
      .onConflict('app_id')
      .ignore();
  }

  /**
   * Stores a submission with its images, and moves the listing from
   * `change.from` to `change.to` with it pending; nothing when the listing
   * was no longer in `change.from`.
   */
  async submit(
    review: NewReview,
    images: NewReviewImage[],
    change: ListingChange,
  ): Promise<TransitionOutcome<ReviewRecord>> {
    const outcome = await this.db.transaction(async tx => {
      const moved = await this.move(tx, {
        ...change,
        reviewId: review.id,
        set: { ...change.set, pendingReviewId: review.id },
      });
      if ('conflict' in moved) {
        return moved;
      }
      const { round } = (await tx(REVIEWS)
        .where({ app_id: review.appId })
        .max({ round: 'round' })
        .first()) as { round: number | string | null };
      await tx<ReviewRow>(REVIEWS).insert({
        id: review.id,
        app_id: review.appId,
        round: Number(round ?? 0) + 1,
        owner_ref: review.ownerRef,
        app_name: review.appName,
        is_update: review.isUpdate,
        listing_name: review.listingName,
        summary: review.summary,
        spec_ids: JSON.stringify(review.specIds),
        specs: JSON.stringify(review.specs),
        status: 'pending',
        submitted_by: review.submittedBy,
        submitted_at: moved.done,
        decided_by: null,
        decided_at: null,
        reason: null,
        flagged_fields: '[]',
      });
      for (const image of images) {
        if ('copyFrom' in image) {
          const earlier = await tx<ImageRow>(IMAGES)
            .where({ review_id: image.copyFrom, field: image.field })
            .first();
          if (!earlier) {
            throw new Error(
              `no ${image.field} in review ${image.copyFrom} to carry over`,
            );
          }
          await tx<ImageRow>(IMAGES).insert({
            ...earlier,
            review_id: review.id,
          });
        } else {
          await tx<ImageRow>(IMAGES).insert({
            review_id: review.id,
            field: image.field,
            format: image.format,
            width: image.width,
            height: image.height,
            size_bytes: image.sizeBytes,
            sha256: image.sha256,
            bytes: image.bytes,
          });
        }
      }
      return { done: review.id };
    });
    if ('conflict' in outcome) {
      return outcome;
    }
    return { done: (await this.findReview(outcome.done))! };
  }

  /**
   * Approves or rejects a pending review and moves the listing as `change`
   * says; nothing when the listing was no longer in `change.from` or the
   * review no longer pending.
   */
  async decide(
    reviewId: string,
    decision: {
      status: 'approved' | 'rejected';
      reason: string | null;
      flaggedFields: ReviewField[];
    },
    change: ListingChange,
  ): Promise<TransitionOutcome<ReviewRecord>> {
    const outcome = await this.db
      .transaction(async tx => {
        const moved = await this.move(tx, {
          ...change,
          reviewId,
          reason: decision.reason,
          flaggedFields: decision.flaggedFields,
          set: { ...change.set, pendingReviewId: null },
        });
        if ('conflict' in moved) {
          return moved;
        }
        const updated = await tx<ReviewRow>(REVIEWS)
          .where({ id: reviewId, status: 'pending' })
          .update({
            status: decision.status,
            decided_by: change.actorRef,
            decided_at: moved.done,
            reason: decision.reason,
            flagged_fields: JSON.stringify(decision.flaggedFields),
          });
        if (updated === 0) {
          // decided meanwhile by another path; undo the move
          throw new ReviewNoLongerPending();
        }
        return { done: reviewId };
      })
      .catch(async error => {
        if (error instanceof ReviewNoLongerPending) {
          return { conflict: await this.findListing(change.appId) };
        }
        throw error;
      });
    if ('conflict' in outcome) {
      return outcome;
    }
    return { done: (await this.findReview(outcome.done))! };
  }

  /** Moves a listing without touching a review (unlist, unlist-spec). */
  async transition(
    change: ListingChange,
  ): Promise<TransitionOutcome<ListingRecord>> {
    const outcome = await this.db.transaction(tx => this.move(tx, change));
    if ('conflict' in outcome) {
      return outcome;
    }
    return { done: (await this.findListing(change.appId))! };
  }

  /** Compare-and-set of the listing state, and the event; the time of both. */
  private async move(
    tx: Knex.Transaction,
    change: ListingChange,
  ): Promise<TransitionOutcome<string>> {
    const at = timestamp();
    const set = change.set ?? {};
    const updated = await tx<ListingRow>(LISTINGS)
      .where({ app_id: change.appId, state: change.from })
      .update({
        state: change.to,
        ...(set.listedReviewId !== undefined
          ? { listed_review_id: set.listedReviewId }
          : {}),
        ...(set.listedSpecIds !== undefined
          ? { listed_spec_ids: JSON.stringify(set.listedSpecIds) }
          : {}),
        ...(set.pendingReviewId !== undefined
          ? { pending_review_id: set.pendingReviewId }
          : {}),
        updated_at: at,
      });
    if (updated === 0) {
      const row = await tx<ListingRow>(LISTINGS)
        .where({ app_id: change.appId })
        .first();
      return { conflict: row && toListing(row) };
    }
    await tx<EventRow>(EVENTS).insert({
      app_id: change.appId,
      review_id: change.reviewId ?? null,
      action: change.action,
      from_state: change.from,
      to_state: change.to,
      actor_ref: change.actorRef,
      at,
      reason: change.reason ?? null,
      flagged_fields: JSON.stringify(change.flaggedFields ?? []),
      spec_id: change.specId ?? null,
    });
    return { done: at };
  }

  private async withImages(rows: ReviewRow[]): Promise<ReviewRecord[]> {
    if (rows.length === 0) {
      return [];
    }
    const images = await this.db<ImageRow>(IMAGES)
      .whereIn(
        'review_id',
        rows.map(row => row.id),
      )
      .select(
        'review_id',
        'field',
        'format',
        'width',
        'height',
        'size_bytes',
        'sha256',
      );
    return rows.map(row => {
      const own = new Map(
        images
          .filter(image => image.review_id === row.id)
          .map(image => [image.field, toImage(image)]),
      );
      return toReview(
        row,
        Object.fromEntries(
          LISTING_IMAGE_FIELDS.map(field => [field, own.get(field)!]),
        ) as Record<ListingImageField, ReviewImageRecord>,
      );
    });
  }
}

function toImage(row: ImageRow): ReviewImageRecord {
  return {
    field: row.field as ListingImageField,
    format: row.format as ListingImageFormat,
    width: Number(row.width),
    height: Number(row.height),
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256,
  };
}

function toReview(
  row: ReviewRow,
  images: Record<ListingImageField, ReviewImageRecord>,
): ReviewRecord {
  return {
    id: row.id,
    appId: row.app_id,
    round: Number(row.round),
    ownerRef: row.owner_ref,
    appName: row.app_name,
    // SQLite has no booleans
    isUpdate: Boolean(row.is_update),
    listingName: row.listing_name,
    summary: row.summary,
    specIds: JSON.parse(row.spec_ids),
    specs: JSON.parse(row.specs),
    status: row.status as ReviewDecision,
    submittedBy: row.submitted_by,
    submittedAt: toIso(row.submitted_at),
    decidedBy: row.decided_by,
    decidedAt: row.decided_at === null ? null : toIso(row.decided_at),
    reason: row.reason,
    flaggedFields: JSON.parse(row.flagged_fields),
    images,
  };
}

function toListing(row: ListingRow): ListingRecord {
  return {
    appId: row.app_id,
    state: row.state as ListingState,
    listedReviewId: row.listed_review_id,
    listedSpecIds: JSON.parse(row.listed_spec_ids),
    pendingReviewId: row.pending_review_id,
    updatedAt: toIso(row.updated_at),
  };
}

function toEvent(row: EventRow): ListingEventRecord {
  return {
    id: Number(row.id),
    appId: row.app_id,
    reviewId: row.review_id,
    action: row.action as ListingAction,
    from: row.from_state as ListingState,
    to: row.to_state as ListingState,
    actorRef: row.actor_ref,
    at: toIso(row.at),
    reason: row.reason,
    flaggedFields: JSON.parse(row.flagged_fields),
    specId: row.spec_id,
  };
}
