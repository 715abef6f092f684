import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  IOT_API_VERSION,
  IOT_IMAGE_KIND,
  IotImageEntity,
} from '@internal/backstage-plugin-iot-common';
import { IOT_DATABASE_LOCATION_ANNOTATIONS } from '../catalog/CatalogPublisher';
import { ImageWithVersions } from './ImagesStore';

/** Entity ref of the IotImage of that name, e.g. `iotimage:default/parking-server`. */
export function imageEntityRef(name: string): string {
  return stringifyEntityRef({
    kind: IOT_IMAGE_KIND,
    namespace: 'default',
    name,
  });
}

/** The image as the catalog shows it: one entity, every version in its spec. */
export function toImageEntity(image: ImageWithVersions): IotImageEntity {
  return {
    apiVersion: IOT_API_VERSION,
    kind: IOT_IMAGE_KIND,
    metadata: {
      name: image.name,
      namespace: 'default',
      title: image.name,
      annotations: { ...IOT_DATABASE_LOCATION_ANNOTATIONS },
    },
    spec: {
      owner: image.ownerRef,
      imageKind: image.kind,
      versions: image.versions.map(version => ({
        version: version.version,
        status: version.status,
        sizeBytes: version.sizeBytes,
        uploadedAt: version.createdAt,
        ...(version.sha256 ? { sha256: version.sha256 } : {}),
      })),
    },
  };
}
