import { AuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** Portal roles, named after the `spec.type` of the Group that grants them. */
export const IOT_ROLES = ['isv', 'reviewers', 'si'] as const;
/** @public */
export type IotRole = (typeof IOT_ROLES)[number];

/** Turns a user's ownership claims into portal roles. */
export interface RoleResolver {
  rolesOf(ownershipEntityRefs: string[]): Promise<Set<IotRole>>;
}

const DEFAULT_TTL_MS = 30_000;

function isIotRole(type: unknown): type is IotRole {
  return IOT_ROLES.includes(type as IotRole);
}

/**
 * Reads roles from the catalog: every claim that is a Group with
 * `spec.type` isv, reviewers or si grants that role. Group types are cached
 * per ref for 30 seconds, so a policy evaluating a batch of permissions hits
 * the catalog at most once per group.
 */
export class CatalogRoleResolver implements RoleResolver {
  private readonly catalog: CatalogService;
  private readonly auth: AuthService;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly cache = new Map<
    string,
    { role: IotRole | undefined; expiresAt: number }
  >();

  constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    ttlMs?: number;
    now?: () => number;
  }) {
    this.catalog = options.catalog;
    this.auth = options.auth;
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  async rolesOf(ownershipEntityRefs: string[]): Promise<Set<IotRole>> {
    const groupRefs = [
      ...new Set(
        ownershipEntityRefs
          .map(ref => parseEntityRef(ref))
          .filter(ref => ref.kind.toLocaleLowerCase('en-US') === 'group')
          .map(ref => stringifyEntityRef(ref)),
      ),
    ];
    const now = this.now();
    const stale = groupRefs.filter(
      ref => (this.cache.get(ref)?.expiresAt ?? 0) <= now,
    );
    if (stale.length > 0) {
      await this.load(stale, now);
    }

    const roles = new Set<IotRole>();
    for (const ref of groupRefs) {
      const role = this.cache.get(ref)?.role;
      if (role) {
        roles.add(role);
      }
    }
    return roles;
  }

  private async load(groupRefs: string[], now: number): Promise<void> {
    const { items } = await this.catalog.getEntitiesByRefs(
      {
        entityRefs: groupRefs,
        fields: ['spec.type'],
      },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    groupRefs.forEach((ref, index) => {
      const type = items[index]?.spec?.type;
      this.cache.set(ref, {
        role: isIotRole(type) ? type : undefined,
        expiresAt: now + this.ttlMs,
      });
    });
  }
}
