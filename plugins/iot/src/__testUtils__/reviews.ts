import {
  exampleSpecGraph,
  type IotAppListing,
  type IotReviewItem,
  type IotReviewSummary,
  type ListingImageField,
  type ListingImageInfo,
  type ReviewSpec,
} from '@internal/backstage-plugin-iot-common';
import { edgeSpec, standardSpec } from './apps';

// Mirrors what GET /reviews, /reviews/{id} and /apps/{appId}/listing answer
// for the demo app smart-parking.

export const REVIEW_ID = 'rev-0123456789abcdefghij';
export const PREVIOUS_REVIEW_ID = 'rev-abcdefghij0123456789';

function image(
  reviewId: string,
  field: ListingImageField,
  sha256 = 'a'.repeat(64),
): ListingImageInfo {
  return {
    field,
    format: 'png',
    mediaType: 'image/png',
    width: field === 'logo' ? 128 : 1200,
    height: field === 'logo' ? 128 : 600,
    sizeBytes: field === 'logo' ? 20_480 : 307_200,
    sha256,
    path: `/reviews/${reviewId}/images/${field}`,
  };
}

/** A submission of smart-parking; `overrides` change any field. */
export function reviewSummary(
  overrides: Partial<IotReviewSummary> = {},
): IotReviewSummary {
  const id = overrides.id ?? REVIEW_ID;
  return {
    id,
    appId: 'smart-parking',
    appName: 'Smart Parking',
    owner: 'group:default/isv-acme',
    entityRef: 'iotapp:default/smart-parking',
    round: 2,
    isUpdate: false,
    listingName: 'Smart Parking',
    summary: 'Guides drivers to free parking bays.',
    logo: image(id, 'logo'),
    showcaseImage: image(id, 'showcaseImage'),
    introImage: image(id, 'introImage'),
    specIds: [standardSpec.id],
    status: 'pending',
    submittedBy: 'user:default/alice',
    submittedAt: '2026-10-05T08:00:00Z',
    decidedBy: null,
    decidedAt: null,
    reason: null,
    flaggedFields: [],
    ...overrides,
  };
}

/** The earlier, rejected submission of smart-parking. */
export const rejectedReview = reviewSummary({
  id: PREVIOUS_REVIEW_ID,
  round: 1,
  listingName: 'Smart Parkng',
  status: 'rejected',
  submittedAt: '2026-10-01T08:00:00Z',
  decidedBy: 'user:default/rita',
  decidedAt: '2026-10-02T10:00:00Z',
  reason: 'The listing name is misspelt and the logo is blurry.',
  flaggedFields: ['listingName', 'logo', `spec:${standardSpec.id}`],
});

const reviewSpec: ReviewSpec = {
  id: standardSpec.id,
  name: standardSpec.name,
  type: standardSpec.type,
  deployLocation: standardSpec.deployLocation,
  description: standardSpec.description,
  allowTrial: standardSpec.allowTrial,
  graphEtag: '"g1"',
  resourceCount: 7,
  deploymentTest: {
    instanceId: 'inst-3k9x0q2m7b1c5d8e4f6a',
    status: 'running',
    at: '2026-10-04T08:00:00Z',
  },
  graph: exampleSpecGraph(),
  exists: true,
};

/** GET /reviews/{REVIEW_ID}: the pending resubmission, compared with the rejected one. */
export function reviewItem(
  overrides: Partial<IotReviewItem> = {},
): IotReviewItem {
  return {
    ...reviewSummary(),
    specs: [reviewSpec],
    listingState: 'in-review',
    previous: {
      id: rejectedReview.id,
      round: rejectedReview.round,
      status: rejectedReview.status,
      decidedAt: rejectedReview.decidedAt,
      reason: rejectedReview.reason,
      flaggedFields: rejectedReview.flaggedFields,
    },
    changes: [
      {
        field: 'listingName',
        before: 'Smart Parkng',
        after: 'Smart Parking',
        flagged: true,
      },
      {
        field: 'logo',
        before: image(PREVIOUS_REVIEW_ID, 'logo', 'b'.repeat(64)),
        after: image(REVIEW_ID, 'logo'),
        flagged: true,
      },
      {
        field: `spec:${standardSpec.id}`,
        specId: standardSpec.id,
        changed: ['description'],
        before: { ...reviewSpec, description: 'Old description.' },
        after: reviewSpec,
        flagged: true,
      },
    ],
    ...overrides,
  };
}

/** GET /apps/smart-parking/listing for its owner after a rejection. */
export function rejectedListing(
  overrides: Partial<IotAppListing> = {},
): IotAppListing {
  return {
    appId: 'smart-parking',
    state: 'rejected',
    reviewStatus: 'rejected',
    actions: ['submit'],
    can: { submit: true, decide: false, unlist: false },
    listed: null,
    pending: null,
    lastRejection: rejectedReview,
    history: [
      {
        id: 1,
        action: 'submit',
        from: 'draft',
        to: 'in-review',
        actorRef: 'user:default/alice',
        at: '2026-10-01T08:00:00Z',
        reviewId: PREVIOUS_REVIEW_ID,
        reason: null,
        flaggedFields: [],
        specId: null,
      },
      {
        id: 2,
        action: 'reject',
        from: 'in-review',
        to: 'rejected',
        actorRef: 'user:default/rita',
        at: '2026-10-02T10:00:00Z',
        reviewId: PREVIOUS_REVIEW_ID,
        reason: rejectedReview.reason,
        flaggedFields: rejectedReview.flaggedFields,
        specId: null,
      },
    ],
    ...overrides,
  };
}

/** GET /apps/smart-parking/listing for a reviewer while the resubmission waits. */
export function inReviewListing(
  overrides: Partial<IotAppListing> = {},
): IotAppListing {
  return rejectedListing({
    state: 'in-review',
    reviewStatus: 'in-review',
    actions: ['approve', 'reject'],
    can: { submit: false, decide: true, unlist: false },
    pending: reviewSummary(),
    ...overrides,
  });
}

/** GET /apps/smart-parking/listing once listed. */
export function listedListing(
  overrides: Partial<IotAppListing> = {},
): IotAppListing {
  const approved = reviewSummary({
    status: 'approved',
    decidedBy: 'user:default/rita',
    decidedAt: '2026-10-06T08:00:00Z',
  });
  return rejectedListing({
    state: 'listed',
    reviewStatus: 'approved',
    actions: ['submit', 'unlist', 'unlist-spec'],
    can: { submit: true, decide: false, unlist: true },
    listed: { review: approved, specIds: approved.specIds },
    lastRejection: null,
    ...overrides,
  });
}

/** The specs of smart-parking with their deployment test: the standard passed, the edge did not. */
export const testedSpecs = [
  { ...standardSpec, passedDeploymentTest: true },
  { ...edgeSpec, passedDeploymentTest: false, lastDeploymentTest: null },
];
