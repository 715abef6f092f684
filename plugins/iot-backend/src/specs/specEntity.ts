import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_REVIEW_STATUS,
  imagesOfGraph,
  IOT_API_VERSION,
  IOT_SPEC_KIND,
  IotAppItem,
  IotSpecEntity,
  ReviewStatus,
} from '@internal/backstage-plugin-iot-common';
import { appEntityRef } from '../apps/appEntity';
import { IOT_DATABASE_LOCATION_ANNOTATIONS } from '../catalog/CatalogPublisher';
import { imageEntityRef } from '../images/imageEntity';
import type { SpecRecord } from './SpecsStore';

/** Entity ref of the IotSpec of that id, e.g. `iotspec:default/smart-parking-standard`. */
export function specEntityRef(id: string): string {
  return stringifyEntityRef({
    kind: IOT_SPEC_KIND,
    namespace: 'default',
    name: id,
  });
}

/**
 * The review status a spec shows in the catalog: its app's, except that
 * only the specs listed on the marketplace count as approved — a spec added
 * to a listed app is a draft until a review lists it (the permission policy
 * shows approved specs to everyone, drafts to their group only).
 */
export function specReviewStatus(
  specId: string,
  app: Pick<IotAppItem, 'reviewStatus' | 'listedSpecIds'>,
): ReviewStatus {
  if (app.reviewStatus === 'approved' && !app.listedSpecIds.includes(specId)) {
    return 'draft';
  }
  return app.reviewStatus;
}

/**
 * The spec as the catalog shows it (SPEC-10): part of its app, owned and
 * reviewed with it, depending on the image versions its graph deploys.
 */
export function toSpecEntity(
  spec: SpecRecord,
  app: Pick<IotAppItem, 'owner' | 'reviewStatus' | 'listedSpecIds'>,
): IotSpecEntity {
  return {
    apiVersion: IOT_API_VERSION,
    kind: IOT_SPEC_KIND,
    metadata: {
      name: spec.id,
      namespace: 'default',
      title: spec.name,
      description: spec.description,
      annotations: {
        ...IOT_DATABASE_LOCATION_ANNOTATIONS,
        [ANNOTATION_REVIEW_STATUS]: specReviewStatus(spec.id, app),
      },
    },
    spec: {
      owner: app.owner,
      app: appEntityRef(spec.appId),
      type: spec.type,
      deployLocation: spec.deployLocation,
      allowTrial: spec.allowTrial,
      images: imagesOfGraph(spec.graph).map(use => ({
        image: imageEntityRef(use.name),
        version: use.version,
      })),
    },
  };
}
