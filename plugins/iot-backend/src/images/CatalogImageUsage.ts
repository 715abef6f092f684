import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  IOT_APP_KIND,
  IOT_IMAGE_KIND,
  IOT_SPEC_KIND,
  ImageVersionUsage,
} from '@internal/backstage-plugin-iot-common';
import { imageEntityRef } from './imageEntity';

/** Per image name, per version: the specs (and their apps) that deploy it. */
export type ImageUsageMap = Map<string, Map<string, ImageVersionUsage[]>>;

/** Which specs use which image versions (IMG-3, IMG-5). */
export interface ImageUsage {
  usageOf(imageNames: string[]): Promise<ImageUsageMap>;
}

/**
 * Reads image usage from the catalog: IotSpec entities that depend on the
 * image (the relation the IoT processor derives from `spec.images`) and list
 * the version there. Reads with the plugin's own credentials: a version in
 * use must not be deleted just because the caller cannot see the spec.
 */
export class CatalogImageUsage implements ImageUsage {
  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  async usageOf(imageNames: string[]): Promise<ImageUsageMap> {
    const usage: ImageUsageMap = new Map();
    if (imageNames.length === 0) {
      return usage;
    }
    const nameByRef = new Map(imageNames.map(n => [imageEntityRef(n), n]));
    const credentials = await this.auth.getOwnServiceCredentials();
    const { items: specs } = await this.catalog.getEntities(
      {
        filter: {
          kind: IOT_SPEC_KIND,
          'relations.dependsOn': [...nameByRef.keys()],
        },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'spec.app',
          'spec.images',
          'relations',
        ],
      },
      { credentials },
    );

    const appRefs = [...new Set(specs.map(appRefOf).filter(isDefined))];
    const { items: apps } = await this.catalog.getEntitiesByRefs(
      {
        entityRefs: appRefs,
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
        ],
      },
      { credentials },
    );
    const titles = new Map(
      appRefs.map((ref, index) => [
        ref,
        apps[index]?.metadata.title ?? parseEntityRef(ref).name,
      ]),
    );

    for (const spec of specs) {
      const specRef = stringifyEntityRef(spec);
      const app = appRefOf(spec);
      for (const { image, version } of imagesOf(spec)) {
        const name = nameByRef.get(image);
        if (!name) {
          continue;
        }
        const versions = usage.get(name) ?? new Map();
        usage.set(name, versions);
        const users: ImageVersionUsage[] = versions.get(version) ?? [];
        versions.set(version, users);
        users.push({
          app: app ?? '',
          appTitle: app ? titles.get(app) ?? app : '',
          spec: specRef,
        });
      }
    }
    return usage;
  }
}

/** The app the spec is part of: its partOf relation, else `spec.app`. */
function appRefOf(spec: Entity): string | undefined {
  const related = spec.relations?.find(
    relation =>
      relation.type === RELATION_PART_OF &&
      parseEntityRef(relation.targetRef).kind.toLocaleLowerCase('en-US') ===
        IOT_APP_KIND.toLocaleLowerCase('en-US'),
  );
  if (related) {
    return related.targetRef;
  }
  const app = spec.spec?.app;
  return typeof app === 'string' && app
    ? stringifyEntityRef(
        parseEntityRef(app, {
          defaultKind: IOT_APP_KIND,
          defaultNamespace: spec.metadata.namespace ?? 'default',
        }),
      )
    : undefined;
}

/** `spec.images` with full, lower-case image refs; malformed items skipped. */
function imagesOf(spec: Entity): { image: string; version: string }[] {
  const images = spec.spec?.images;
  if (!Array.isArray(images)) {
    return [];
  }
  return images.flatMap(entry => {
    const item = entry as { image?: unknown; version?: unknown } | null;
    if (typeof item?.image !== 'string' || typeof item?.version !== 'string') {
      return [];
    }
    try {
      const image = stringifyEntityRef(
        parseEntityRef(item.image, {
          defaultKind: IOT_IMAGE_KIND,
          defaultNamespace: spec.metadata.namespace ?? 'default',
        }),
      );
      return [{ image, version: item.version }];
    } catch {
      // not an entity ref; the IoT processor reports it on the spec
      return [];
    }
  });
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}
