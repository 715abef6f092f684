import { z } from 'zod/v4';
import { DeployLocation, ReviewStatus, SpecType } from './entities/constants';
import {
  IotDeploymentTestSummary,
  RESOURCE_ID_PATTERN,
  SpecGraph,
} from './apps';
import { MAX_LIST_LIMIT } from './images';

/*
 * Review and listing (SPEC-9, REV-1..3): what the submission form and the
 * server share — limits, request schemas, the listing state machine as data,
 * and the shapes of the API's answers. Routes are documented in
 * plugins/iot-backend/README.md ("Review and listing").
 */

/** Longest listing name (the "应用名称" of the submission form; as app names). */
export const MAX_LISTING_NAME_LENGTH = 64;
/** Longest listing summary (seed 000 §2.2.5.9: "0/90"). */
export const MAX_LISTING_SUMMARY_LENGTH = 90;
/** Longest reason of a rejection or an unlisting. */
export const MAX_REVIEW_REASON_LENGTH = 2000;
/** Most specs one submission may list. */
export const MAX_SUBMITTED_SPECS = 20;
/** Largest logo (seed: "图片不超过100K", PNG only): 100 KB. */
export const MAX_LOGO_BYTES = 100 * 1024;
/** Largest showcase or intro image (seed: "不超过1M", png or jpg): 1 MB. */
export const MAX_LISTING_PICTURE_BYTES = 1024 * 1024;
/** Longest side of any listing image, in pixels: more is no longer a card or page picture. */
export const MAX_LISTING_IMAGE_SIDE = 4096;

/** The image fields of a submission, also multipart field names of `POST /apps/{appId}/submissions`. */
export const LISTING_IMAGE_FIELDS = [
  'logo',
  'showcaseImage',
  'introImage',
] as const;
/** @public */
export type ListingImageField = (typeof LISTING_IMAGE_FIELDS)[number];

/** Image formats a listing accepts, as read from the content. */
export const LISTING_IMAGE_FORMATS = ['png', 'jpeg'] as const;
/** @public */
export type ListingImageFormat = (typeof LISTING_IMAGE_FORMATS)[number];

/** Media type per format, as the image routes answer. */
export const LISTING_IMAGE_MEDIA_TYPES: Record<ListingImageFormat, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
};

/** What each image field accepts (SPEC-9). */
export type ListingImageRule = {
  /** English label, as messages name the field. */
  label: string;
  formats: readonly ListingImageFormat[];
  maxBytes: number;
  /** For `<input type="file" accept=…>`; the server checks the content, not this. */
  accept: string;
};

/** The rule of each image field (SPEC-9; seed 000 §2.2.5.9). */
export const LISTING_IMAGE_RULES: Record<ListingImageField, ListingImageRule> =
  {
    logo: {
      label: 'logo',
      formats: ['png'],
      maxBytes: MAX_LOGO_BYTES,
      accept: 'image/png,.png',
    },
    showcaseImage: {
      label: 'showcase image',
      formats: ['png', 'jpeg'],
      maxBytes: MAX_LISTING_PICTURE_BYTES,
      accept: 'image/png,image/jpeg,.png,.jpg,.jpeg',
    },
    introImage: {
      label: 'intro image',
      formats: ['png', 'jpeg'],
      maxBytes: MAX_LISTING_PICTURE_BYTES,
      accept: 'image/png,image/jpeg,.png,.jpg,.jpeg',
    },
  };

/** Review ids: `rev-` and 20 lower-case letters or digits. */
export const REVIEW_ID_PATTERN = /^rev-[a-z0-9]{20}$/;

/** Path parameters naming a review (a submission). */
export const reviewParamsSchema = z.object({
  reviewId: z
    .string()
    .regex(
      REVIEW_ID_PATTERN,
      'is not a review id (rev- and 20 letters or digits)',
    ),
});

/** Path parameters naming one image of a review. */
export const reviewImageParamsSchema = reviewParamsSchema.extend({
  field: z.enum(LISTING_IMAGE_FIELDS),
});

const specId = z.string().regex(RESOURCE_ID_PATTERN, 'is not a spec id');

/** A one-line text: trimmed, not empty, no control characters. */
function listingText(max: number) {
  return z
    .string()
    .trim()
    .min(1, 'is required')
    .max(max, `must be at most ${max} characters`)
    .regex(
      /^[^\p{Cc}]*$/u,
      'must not contain control characters or line breaks',
    );
}

/**
 * The text fields of `POST /apps/{appId}/submissions` (multipart; SPEC-9).
 * `specIds` is sent as one field per spec (or one comma-separated field);
 * the router collects them into this array. The three images are file
 * fields; on a resubmission an image left out is carried over from the
 * app's latest submission.
 */
export const submissionFieldsSchema = z
  .object({
    listingName: listingText(MAX_LISTING_NAME_LENGTH),
    summary: listingText(MAX_LISTING_SUMMARY_LENGTH),
    specIds: z
      .array(specId)
      .min(1, 'choose at least one spec to list')
      .max(
        MAX_SUBMITTED_SPECS,
        `must name at most ${MAX_SUBMITTED_SPECS} specs`,
      )
      .refine(ids => new Set(ids).size === ids.length, 'names a spec twice'),
  })
  .strict();

/** @public */
export type SubmissionFields = z.input<typeof submissionFieldsSchema>;

/** A field of a submission a reviewer can flag (REV-1), and the key of a field's diff. */
export type ReviewField =
  | 'listingName'
  | 'summary'
  | ListingImageField
  /** the choice of specs */
  | 'specs'
  /** one submitted spec, e.g. `spec:smart-parking-standard` */
  | `spec:${string}`;

/** The fields of a submission other than its specs, in form order. */
export const REVIEW_FORM_FIELDS = [
  'listingName',
  'logo',
  'showcaseImage',
  'introImage',
  'summary',
  'specs',
] as const;

/** Key of the flag on one spec of a submission. */
export function specReviewField(specIdValue: string): `spec:${string}` {
  return `spec:${specIdValue}`;
}

/** The spec id of a `spec:<id>` field; undefined for other fields. */
export function specIdOfReviewField(field: string): string | undefined {
  return field.startsWith('spec:') ? field.slice('spec:'.length) : undefined;
}

const reviewFieldSchema = z.union([
  z.enum(REVIEW_FORM_FIELDS),
  z
    .string()
    .regex(
      /^spec:[a-z0-9][a-z0-9-]{0,62}$/,
      `must be one of ${REVIEW_FORM_FIELDS.join(', ')} or spec:<spec id>`,
    )
    .transform(value => value as `spec:${string}`),
]);

const reason = z
  .string()
  .trim()
  .min(1, 'is required: say what the ISV must change')
  .max(
    MAX_REVIEW_REASON_LENGTH,
    `must be at most ${MAX_REVIEW_REASON_LENGTH} characters`,
  );

/** Body of `POST /reviews/{reviewId}/approve`: an optional note for the history. */
export const approveReviewRequestSchema = z
  .object({
    comment: z.string().trim().max(MAX_REVIEW_REASON_LENGTH).optional(),
  })
  .strict();

/**
 * Body of `POST /reviews/{reviewId}/reject` (REV-1): a reason the ISV reads,
 * and the fields to fix, which the ISV's form marks on resubmission.
 */
export const rejectReviewRequestSchema = z
  .object({
    reason,
    flaggedFields: z
      .array(reviewFieldSchema)
      .max(MAX_SUBMITTED_SPECS + REVIEW_FORM_FIELDS.length)
      .default([]),
  })
  .strict();

/**
 * Body of `POST /apps/{appId}/unlist` (REV-3): takes the app off the
 * marketplace, or with `specId` only that listed spec.
 */
export const unlistRequestSchema = z
  .object({
    reason: z
      .string()
      .trim()
      .min(1, 'is required: say why it is taken off the marketplace')
      .max(
        MAX_REVIEW_REASON_LENGTH,
        `must be at most ${MAX_REVIEW_REASON_LENGTH} characters`,
      ),
    specId: specId.optional(),
  })
  .strict();

/** Decision state of one submission. */
export const REVIEW_DECISIONS = ['pending', 'approved', 'rejected'] as const;
/** @public */
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** Query of `GET /reviews` (REV-1): the queue, oldest submission first. */
export const listReviewsQuerySchema = z
  .object({
    /** By default every status; the queue asks for `pending`. */
    status: z.enum(REVIEW_DECISIONS).optional(),
    appId: z.string().regex(RESOURCE_ID_PATTERN, 'is not an app id').optional(),
    /** Entity ref of the owning group, e.g. `group:default/isv-acme`. */
    owner: z.string().min(1).max(255).optional(),
    /** Part of the listing or app name (case-insensitive). */
    q: z.string().max(MAX_LISTING_NAME_LENGTH).optional(),
    /** `true`: only updates of listed apps; `false`: only first listings. */
    update: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_LIST_LIMIT).optional(),
    cursor: z.string().min(1).max(200).optional(),
  })
  .strict();

/** @public */
export type ListReviewsQuery = z.input<typeof listReviewsQuerySchema>;
/** @public */
export type RejectReviewRequest = z.input<typeof rejectReviewRequestSchema>;
/** @public */
export type ApproveReviewRequest = z.input<typeof approveReviewRequestSchema>;
/** @public */
export type UnlistRequest = z.input<typeof unlistRequestSchema>;

/*
 * The listing state machine (SPEC-9, REV-1..3). The app's `reviewStatus`
 * is a coarser view of it (REVIEW_STATUS_OF_LISTING).
 */

/**
 * Listing state of an app:
 * - `draft`: never submitted;
 * - `in-review`: a submission waits for a reviewer; not on the marketplace;
 * - `listed`: approved and on the marketplace;
 * - `listed-update-in-review`: on the marketplace with its approved
 *   listing, while a new submission waits for a reviewer (REV-3);
 * - `rejected`: the latest submission was rejected; not on the marketplace;
 * - `unlisted`: was listed, taken off the marketplace.
 */
export const LISTING_STATES = [
  'draft',
  'in-review',
  'listed',
  'listed-update-in-review',
  'rejected',
  'unlisted',
] as const;
/** @public */
export type ListingState = (typeof LISTING_STATES)[number];

/** What moves an app between listing states. */
export const LISTING_ACTIONS = [
  'submit',
  'approve',
  'reject',
  'unlist',
  'unlist-spec',
] as const;
/** @public */
export type ListingAction = (typeof LISTING_ACTIONS)[number];

/** Who may take an action: the owning ISV group, a reviewer, or either. */
export type ListingActor = 'owner' | 'reviewer' | 'owner-or-reviewer';

/** A legal transition of the listing state machine. */
export type ListingTransition = {
  from: ListingState;
  action: ListingAction;
  to: ListingState;
  by: ListingActor;
  /** What it means, in a sentence. */
  description: string;
};

/** Every legal transition; anything else answers 409. */
export const LISTING_TRANSITIONS: readonly ListingTransition[] = [
  {
    from: 'draft',
    action: 'submit',
    to: 'in-review',
    by: 'owner',
    description: 'first submission for review and listing',
  },
  {
    from: 'rejected',
    action: 'submit',
    to: 'in-review',
    by: 'owner',
    description: 'resubmission after a rejection',
  },
  {
    from: 'unlisted',
    action: 'submit',
    to: 'in-review',
    by: 'owner',
    description: 'submission to list an unlisted app again',
  },
  {
    from: 'listed',
    action: 'submit',
    to: 'listed-update-in-review',
    by: 'owner',
    description:
      'new version of a listed app; the current listing stays on the marketplace until it is approved',
  },
  {
    from: 'in-review',
    action: 'approve',
    to: 'listed',
    by: 'reviewer',
    description: 'approval: the app and its chosen specs go on the marketplace',
  },
  {
    from: 'in-review',
    action: 'reject',
    to: 'rejected',
    by: 'reviewer',
    description: 'rejection with a reason and flagged fields',
  },
  {
    from: 'listed-update-in-review',
    action: 'approve',
    to: 'listed',
    by: 'reviewer',
    description: 'approval of the new version: it replaces the listing',
  },
  {
    from: 'listed-update-in-review',
    action: 'reject',
    to: 'listed',
    by: 'reviewer',
    description:
      'rejection of the new version; the current listing stays on the marketplace',
  },
  {
    from: 'listed',
    action: 'unlist',
    to: 'unlisted',
    by: 'owner-or-reviewer',
    description: 'takes the app off the marketplace; running trials go on',
  },
  {
    from: 'listed-update-in-review',
    action: 'unlist',
    to: 'in-review',
    by: 'owner-or-reviewer',
    description:
      'takes the app off the marketplace; the new version stays in review',
  },
  {
    from: 'listed',
    action: 'unlist-spec',
    to: 'listed',
    by: 'owner-or-reviewer',
    description:
      'takes one spec off the marketplace; the app stays listed with its other specs',
  },
  {
    from: 'listed-update-in-review',
    action: 'unlist-spec',
    to: 'listed-update-in-review',
    by: 'owner-or-reviewer',
    description:
      'takes one spec off the marketplace; the app stays listed with its other specs',
  },
];

/** The transition `action` makes from `from`; undefined when it is illegal. */
export function listingTransition(
  from: ListingState,
  action: ListingAction,
): ListingTransition | undefined {
  return LISTING_TRANSITIONS.find(
    transition => transition.from === from && transition.action === action,
  );
}

/** The actions legal in a state, in LISTING_ACTIONS order. */
export function listingActionsFrom(from: ListingState): ListingAction[] {
  return LISTING_ACTIONS.filter(action => listingTransition(from, action));
}

/** The app's `reviewStatus` (REV-1, the catalog annotation) in each listing state. */
export const REVIEW_STATUS_OF_LISTING: Record<ListingState, ReviewStatus> = {
  draft: 'draft',
  'in-review': 'in-review',
  listed: 'approved',
  'listed-update-in-review': 'approved',
  rejected: 'rejected',
  unlisted: 'unlisted',
};

/** Whether an app in that state is on the marketplace. */
export function isListedState(state: ListingState): boolean {
  return state === 'listed' || state === 'listed-update-in-review';
}

/*
 * Answers of the API.
 */

/** One stored image of a submission. */
export type ListingImageInfo = {
  field: ListingImageField;
  format: ListingImageFormat;
  /** `image/png` or `image/jpeg`. */
  mediaType: string;
  width: number;
  height: number;
  sizeBytes: number;
  /** Hex SHA-256 of the bytes: equal images have equal hashes. */
  sha256: string;
  /** Where to fetch it, relative to the iot backend's base URL, e.g. `/reviews/rev-…/images/logo`. */
  path: string;
};

/** A spec as it was submitted (its fields and test at submission time). */
export type SubmittedSpec = {
  id: string;
  name: string;
  type: SpecType;
  deployLocation: DeployLocation;
  description: string;
  allowTrial: boolean;
  /** ETag of the dependency graph submitted; equal graphs have equal tags. */
  graphEtag: string;
  /** Number of resources in that graph. */
  resourceCount: number;
  /** The deployment test it passed (SPEC-8), as it was at submission. */
  deploymentTest: IotDeploymentTestSummary | null;
};

/** A submission (= a review) without its specs' graphs, as lists show it. */
export type IotReviewSummary = {
  /** `rev-` and 20 letters or digits. */
  id: string;
  appId: string;
  /** The app's name when submitted. */
  appName: string;
  /** Entity ref of the owning ISV group. */
  owner: string;
  /** Entity ref of the app's IotApp entity. */
  entityRef: string;
  /** 1 for an app's first submission, 2 for the next, … */
  round: number;
  /** Whether the app was listed when this was submitted (a new version, REV-3). */
  isUpdate: boolean;
  listingName: string;
  summary: string;
  logo: ListingImageInfo;
  showcaseImage: ListingImageInfo;
  introImage: ListingImageInfo;
  specIds: string[];
  status: ReviewDecision;
  submittedBy: string;
  /** ISO 8601 times. */
  submittedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  /** Why it was rejected, or the approver's comment. */
  reason: string | null;
  /** Fields the reviewer flagged when rejecting. */
  flaggedFields: ReviewField[];
};

/** Body of `GET /reviews`. */
export type ListReviewsResponse = {
  items: IotReviewSummary[];
  nextCursor: string | null;
};

/** What changed in one field since the previous reviewed submission. */
export type ReviewFieldChange =
  | {
      field: 'listingName' | 'summary';
      before: string;
      after: string;
      /** The previous rejection flagged this field. */
      flagged: boolean;
    }
  | {
      field: ListingImageField;
      before: ListingImageInfo;
      after: ListingImageInfo;
      flagged: boolean;
    }
  | {
      field: 'specs';
      /** Spec ids chosen now and not before, and the other way round. */
      added: string[];
      removed: string[];
      flagged: boolean;
    }
  | {
      field: `spec:${string}`;
      specId: string;
      /** The spec's fields that differ (`graph` when the graph does). */
      changed: (keyof SubmittedSpec)[];
      before: SubmittedSpec;
      after: SubmittedSpec;
      flagged: boolean;
    };

/** A submitted spec with what a reviewer needs to judge it. */
export type ReviewSpec = SubmittedSpec & {
  /** The dependency graph as submitted (GET /specs/{specId}/plan etc. show the spec's graph now). */
  graph: SpecGraph;
  /** Whether the spec still exists. */
  exists: boolean;
};

/** Body of `GET /reviews/{reviewId}`. */
export type IotReviewItem = IotReviewSummary & {
  specs: ReviewSpec[];
  /** The listing state of the app now. */
  listingState: ListingState;
  /** The submission this one is compared with: the app's latest decided one before it. */
  previous: Pick<
    IotReviewSummary,
    'id' | 'round' | 'status' | 'decidedAt' | 'reason' | 'flaggedFields'
  > | null;
  /** Field by field, what changed since `previous`; empty without one. */
  changes: ReviewFieldChange[];
};

/** One recorded transition (REV-2): who, when, why. */
export type ListingHistoryEntry = {
  id: number;
  action: ListingAction;
  from: ListingState;
  to: ListingState;
  /** Entity ref of the user who did it. */
  actorRef: string;
  /** ISO 8601 time. */
  at: string;
  /** The submission it concerns, if any. */
  reviewId: string | null;
  /** Rejection or unlisting reason, approval comment. */
  reason: string | null;
  flaggedFields: ReviewField[];
  /** The spec an `unlist-spec` took off. */
  specId: string | null;
};

/** What the caller may do with the app's listing now (state and permissions both). */
export type ListingPermissions = {
  submit: boolean;
  /** Approve or reject the pending submission (false for the app's own group, even for reviewers). */
  decide: boolean;
  unlist: boolean;
};

/** Body of `GET /apps/{appId}/listing` (and of `POST /apps/{appId}/unlist`). */
export type IotAppListing = {
  appId: string;
  state: ListingState;
  reviewStatus: ReviewStatus;
  /** Legal actions in this state (LISTING_TRANSITIONS), whoever asks. */
  actions: ListingAction[];
  /** What the caller may do now. */
  can: ListingPermissions;
  /** The approved submission on the marketplace, and the specs listed now (after any `unlist-spec`). */
  listed: { review: IotReviewSummary; specIds: string[] } | null;
  /** The submission waiting for a reviewer. */
  pending: IotReviewSummary | null;
  /**
   * The latest rejection the ISV has not yet answered with an approval:
   * its reason and the fields to fix, for the resubmission form.
   */
  lastRejection: IotReviewSummary | null;
  /** Every transition, oldest first. */
  history: ListingHistoryEntry[];
};
