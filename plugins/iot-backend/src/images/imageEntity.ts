import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  IOT_API_VERSION,
  IOT_IMAGE_KIND,
  IotImageEntity,
} from '@internal/backstage-plugin-iot-common';
import { ImageWithVersions } from './ImagesStore';

/** Location of every entity the iot database owns. */
export const IOT_DATABASE_LOCATION = 'iot:database';

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
      annotations: {
        [ANNOTATION_LOCATION]: IOT_DATABASE_LOCATION,
        [ANNOTATION_ORIGIN_LOCATION]: IOT_DATABASE_LOCATION,
      },
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
