import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_REVIEW_STATUS,
  IOT_API_VERSION,
  IOT_APP_KIND,
  IOT_SPEC_KIND,
  IotAppEntity,
} from '@internal/backstage-plugin-iot-common';
import { IOT_DATABASE_LOCATION_ANNOTATIONS } from '../catalog/CatalogPublisher';
import { AppRecord } from './AppsStore';

/** Entity ref of the IotApp of that id, e.g. `iotapp:default/smart-parking`. */
export function appEntityRef(id: string): string {
  return stringifyEntityRef({
    kind: IOT_APP_KIND,
    namespace: 'default',
    name: id,
  });
}

/** The app as the catalog shows it (APP-5). */
export function toAppEntity(app: AppRecord): IotAppEntity {
  return {
    apiVersion: IOT_API_VERSION,
    kind: IOT_APP_KIND,
    metadata: {
      name: app.id,
      namespace: 'default',
      title: app.name,
      ...(app.description ? { description: app.description } : {}),
      annotations: {
        ...IOT_DATABASE_LOCATION_ANNOTATIONS,
        [ANNOTATION_REVIEW_STATUS]: app.reviewStatus,
      },
      tags: [...new Set([app.industry, app.scenario])],
    },
    spec: {
      owner: app.ownerRef,
      industry: app.industry,
      scenario: app.scenario,
      ...(app.listedSpecIds
        ? {
            // refs spelled out: specEntity.ts imports this module
            listedSpecs: app.listedSpecIds.map(id =>
              stringifyEntityRef({
                kind: IOT_SPEC_KIND,
                namespace: 'default',
                name: id,
              }),
            ),
          }
        : {}),
    },
  };
}
