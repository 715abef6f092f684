import {
  AuthService,
  PermissionsRegistryServiceAddResourceTypeOptions,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  IOT_APP_KIND,
  IOT_IMAGE_KIND,
  IOT_IS_OWNER_RULE,
  IOT_RESOURCE_TYPE,
  IOT_SPEC_KIND,
} from '@internal/backstage-plugin-iot-common';
import { z } from 'zod/v4';
import { IOT_INSTANCE_KIND } from './instances/instanceEntity';

/**
 * Query form of the iot rules, for stores that filter lists in the database:
 * keep the rows whose owner ref is one of `values`.
 */
export type IotResourceFilter = { key: 'owner'; values: string[] };

/**
 * Resources of type `iot-resource` are catalog entities (apps, specs,
 * images), addressed by their entity ref, and instances, addressed as
 * `iotinstance:default/<id>` and owned like their spec.
 */
export const iotResourcePermissionResourceRef = createPermissionResourceRef<
  Entity,
  IotResourceFilter
>().with({ pluginId: 'iot', resourceType: IOT_RESOURCE_TYPE });

/** The entity's `spec.owner` as a full, lower-case group/user ref. */
function ownerRefOf(entity: Entity): string | undefined {
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || owner === '') {
    return undefined;
  }
  return stringifyEntityRef(
    parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    }),
  );
}

/** Matches a resource whose `spec.owner` is one of the caller's claims. */
export const isOwnerRule = createPermissionRule({
  name: IOT_IS_OWNER_RULE,
  description: 'Allow IoT resources whose spec.owner is one of the claims',
  resourceRef: iotResourcePermissionResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('Ownership entity refs of the caller, e.g. its groups'),
  }),
  apply: (resource, { claims }) => {
    const owner = ownerRefOf(resource);
    return (
      owner !== undefined &&
      claims.some(claim => claim.toLocaleLowerCase('en-US') === owner)
    );
  },
  toQuery: ({ claims }) => ({
    key: 'owner',
    values: claims.map(claim => claim.toLocaleLowerCase('en-US')),
  }),
});

/** Finds the entities the plugin database owns, by entity name. */
export type IotEntityLookups = {
  images: { findImageEntity(name: string): Promise<Entity | undefined> };
  apps: { findAppEntity(id: string): Promise<Entity | undefined> };
  specs: { findSpecEntity(id: string): Promise<Entity | undefined> };
  instances: { findInstanceEntity(id: string): Promise<Entity | undefined> };
};

/**
 * Everything `permissionsRegistry.addResourceType` needs for `iot-resource`.
 * Images, apps and specs come from the plugin database, so that they are
 * authorized the moment they exist, before the catalog has caught up;
 * everything else (and refs the database does not hold) is loaded from the
 * catalog with the plugin's own credentials.
 */
export function createIotResourceType(
  options: IotEntityLookups & { catalog: CatalogService; auth: AuthService },
): PermissionsRegistryServiceAddResourceTypeOptions<
  typeof IOT_RESOURCE_TYPE,
  Entity,
  IotResourceFilter
> {
  const { catalog, auth, images, apps, specs, instances } = options;
  const fromDatabase: Record<
    string,
    (name: string) => Promise<Entity | undefined>
  > = {
    [IOT_IMAGE_KIND.toLocaleLowerCase('en-US')]: name =>
      images.findImageEntity(name),
    [IOT_APP_KIND.toLocaleLowerCase('en-US')]: id => apps.findAppEntity(id),
    [IOT_SPEC_KIND.toLocaleLowerCase('en-US')]: id => specs.findSpecEntity(id),
    // instances are not catalog entities: they exist only here
    [IOT_INSTANCE_KIND.toLocaleLowerCase('en-US')]: id =>
      instances.findInstanceEntity(id),
  };
  return {
    resourceRef: iotResourcePermissionResourceRef,
    rules: [isOwnerRule],
    getResources: async resourceRefs => {
      const resources: (Entity | undefined)[] = await Promise.all(
        resourceRefs.map(ref => {
          const parsed = databaseRefOf(ref);
          const find = parsed && fromDatabase[parsed.kind];
          return find ? find(parsed.name) : undefined;
        }),
      );
      // The rest (and entities only the catalog knows, e.g. from YAML).
      const fromCatalog = resourceRefs.filter(
        (_ref, index) => resources[index] === undefined,
      );
      if (fromCatalog.length > 0) {
        const { items } = await catalog.getEntitiesByRefs(
          { entityRefs: fromCatalog },
          { credentials: await auth.getOwnServiceCredentials() },
        );
        let next = 0;
        resourceRefs.forEach((_ref, index) => {
          if (resources[index] === undefined) {
            resources[index] = items[next++] ?? undefined;
          }
        });
      }
      return resources;
    },
  };
}

/** Lower-case kind and name of a ref in the default namespace; undefined for any other ref. */
function databaseRefOf(
  resourceRef: string,
): { kind: string; name: string } | undefined {
  try {
    const ref = parseEntityRef(resourceRef);
    return ref.namespace === 'default'
      ? { kind: ref.kind.toLocaleLowerCase('en-US'), name: ref.name }
      : undefined;
  } catch {
    // not an entity ref: the catalog finds nothing for it either
    return undefined;
  }
}
