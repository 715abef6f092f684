/** The apiVersion of every entity kind of the IoT portal. */
export const IOT_API_VERSION = 'iot.portal/v1alpha1';

/** Entity kinds of the IoT portal. */
export const IOT_APP_KIND = 'IotApp';
/** @public */
export const IOT_SPEC_KIND = 'IotSpec';
/** @public */
export const IOT_IMAGE_KIND = 'IotImage';

/** Every kind this package defines, for `catalog.rules` and filters. */
export const IOT_KINDS = [IOT_APP_KIND, IOT_SPEC_KIND, IOT_IMAGE_KIND] as const;

/** Review and listing state of an app (REV-1), carried as an annotation. */
export const ANNOTATION_REVIEW_STATUS = 'iot.portal/review-status';

/** App review states, in the order of the listing life cycle. */
export const REVIEW_STATUSES = [
  'draft',
  'in-review',
  'approved',
  'rejected',
  'unlisted',
] as const;
/** @public */
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** Spec types (SPEC-1). */
export const SPEC_TYPES = ['general', 'custom', 'experience'] as const;
/** @public */
export type SpecType = (typeof SPEC_TYPES)[number];

/** Where a spec deploys (SPEC-1). */
export const DEPLOY_LOCATIONS = [
  'public-cloud',
  'edge-site',
  'private-cloud',
] as const;
/** @public */
export type DeployLocation = (typeof DEPLOY_LOCATIONS)[number];

/** Image kinds (IMG-2). */
export const IMAGE_KINDS = ['docker', 'vm'] as const;
/** @public */
export type ImageKind = (typeof IMAGE_KINDS)[number];

/** Upload states of an image version (IMG-3). */
export const IMAGE_UPLOAD_STATUSES = [
  'uploading',
  'succeeded',
  'failed',
] as const;
/** @public */
export type ImageUploadStatus = (typeof IMAGE_UPLOAD_STATUSES)[number];

/** Catalog group types that give a group its role in the portal. */
export const GROUP_TYPES = {
  isv: 'isv',
  reviewers: 'reviewers',
  si: 'si',
} as const;
/** @public */
export type PortalRole = keyof typeof GROUP_TYPES;
