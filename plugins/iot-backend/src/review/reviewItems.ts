import {
  IotReviewSummary,
  LISTING_IMAGE_MEDIA_TYPES,
  ListingHistoryEntry,
  ListingImageInfo,
} from '@internal/backstage-plugin-iot-common';
import { appEntityRef } from '../apps/appEntity';
import {
  ListingEventRecord,
  ReviewImageRecord,
  ReviewRecord,
} from './ReviewsStore';

/** Where the image route serves an image of a review, relative to the plugin's base URL. */
export function reviewImagePath(reviewId: string, field: string): string {
  return `/reviews/${reviewId}/images/${field}`;
}

export function toImageInfo(
  reviewId: string,
  image: ReviewImageRecord,
): ListingImageInfo {
  return {
    field: image.field,
    format: image.format,
    mediaType: LISTING_IMAGE_MEDIA_TYPES[image.format],
    width: image.width,
    height: image.height,
    sizeBytes: image.sizeBytes,
    sha256: image.sha256,
    path: reviewImagePath(reviewId, image.field),
  };
}

/** A review as lists show it. */
export function toReviewSummary(review: ReviewRecord): IotReviewSummary {
  return {
    id: review.id,
    appId: review.appId,
    appName: review.appName,
    owner: review.ownerRef,
    entityRef: appEntityRef(review.appId),
    round: review.round,
    isUpdate: review.isUpdate,
    listingName: review.listingName,
    summary: review.summary,
    logo: toImageInfo(review.id, review.images.logo),
    showcaseImage: toImageInfo(review.id, review.images.showcaseImage),
    introImage: toImageInfo(review.id, review.images.introImage),
    specIds: review.specIds,
    status: review.status,
    submittedBy: review.submittedBy,
    submittedAt: review.submittedAt,
    decidedBy: review.decidedBy,
    decidedAt: review.decidedAt,
    reason: review.reason,
    flaggedFields: review.flaggedFields,
  };
}

export function toHistoryEntry(event: ListingEventRecord): ListingHistoryEntry {
  return {
    id: event.id,
    action: event.action,
    from: event.from,
    to: event.to,
    actorRef: event.actorRef,
    at: event.at,
    reviewId: event.reviewId,
    reason: event.reason,
    flaggedFields: event.flaggedFields,
    specId: event.specId,
  };
}
