import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Resource type of everything an ISV group owns in the portal (apps, specs,
 * images). A resource ref is the catalog entity ref of the owned object; the
 * `isOwner` rule of the iot backend matches it against the caller's groups.
 */
export const IOT_RESOURCE_TYPE = 'iot-resource';

/** Upload an image version (IMG-1). ISVs only. */
export const iotImageCreatePermission = createPermission({
  name: 'iot.image.create',
  attributes: { action: 'create' },
});

/** See an image and its versions (IMG-3). The owning group and reviewers. */
export const iotImageReadPermission = createPermission({
  name: 'iot.image.read',
  attributes: { action: 'read' },
  resourceType: IOT_RESOURCE_TYPE,
});

/** Delete an image version (IMG-5). The owning group only. */
export const iotImageDeletePermission = createPermission({
  name: 'iot.image.delete',
  attributes: { action: 'delete' },
  resourceType: IOT_RESOURCE_TYPE,
});

/** See an app and its specs (APP-3, APP-5). The owning group and reviewers; drafts stay private. */
export const iotAppReadPermission = createPermission({
  name: 'iot.app.read',
  attributes: { action: 'read' },
  resourceType: IOT_RESOURCE_TYPE,
});

/** Create an app (APP-1). ISVs only. */
export const iotAppCreatePermission = createPermission({
  name: 'iot.app.create',
  attributes: { action: 'create' },
});

/** Edit an app or its specs (APP-2, SPEC-3, SPEC-7). The owning group only. */
export const iotAppUpdatePermission = createPermission({
  name: 'iot.app.update',
  attributes: { action: 'update' },
  resourceType: IOT_RESOURCE_TYPE,
});

/** Delete an app or a spec (APP-4, SPEC-4). The owning group only. */
export const iotAppDeletePermission = createPermission({
  name: 'iot.app.delete',
  attributes: { action: 'delete' },
  resourceType: IOT_RESOURCE_TYPE,
});

/**
 * Submit an app for review and listing, or unlist it (SPEC-9, REV-3). The
 * owning group only; reviewers unlist with `iot.review.decide`.
 */
export const iotAppSubmitPermission = createPermission({
  name: 'iot.app.submit',
  attributes: { action: 'update' },
  resourceType: IOT_RESOURCE_TYPE,
});

/**
 * See the submissions of an app, their images and its listing history
 * (REV-1, REV-2). Reviewers, and the owning group for its own apps.
 */
export const iotReviewReadPermission = createPermission({
  name: 'iot.review.read',
  attributes: { action: 'read' },
  resourceType: IOT_RESOURCE_TYPE,
});

/**
 * Approve or reject a submission, unlist an app (REV-1..3). Reviewers only;
 * the iot backend also refuses it on an app of the caller's own group.
 */
export const iotReviewDecidePermission = createPermission({
  name: 'iot.review.decide',
  attributes: { action: 'update' },
});

/** Browse the marketplace (MKT-1, MKT-2). Every signed-in user. */
export const iotMarketplaceReadPermission = createPermission({
  name: 'iot.marketplace.read',
  attributes: { action: 'read' },
});

/** Start trials and purchases, manage "my IoT apps" (MKT-4, MY). SIs only. */
export const iotSubscriptionCreatePermission = createPermission({
  name: 'iot.subscription.create',
  attributes: { action: 'create' },
});

/** Register, bind and delete devices (DEV). SIs only. */
export const iotDeviceManagePermission = createPermission({
  name: 'iot.device.manage',
  attributes: { action: 'update' },
});

/** Every permission of the portal, for registration and policy tests. */
export const iotPermissions = [
  iotImageCreatePermission,
  iotImageReadPermission,
  iotImageDeletePermission,
  iotAppReadPermission,
  iotAppCreatePermission,
  iotAppUpdatePermission,
  iotAppDeletePermission,
  iotAppSubmitPermission,
  iotReviewReadPermission,
  iotReviewDecidePermission,
  iotMarketplaceReadPermission,
  iotSubscriptionCreatePermission,
  iotDeviceManagePermission,
];
