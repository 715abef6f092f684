import { LoggerService } from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  catalogEntityCreatePermission,
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
  RESOURCE_TYPE_CATALOG_ENTITY,
} from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  isPermission,
  isResourcePermission,
  Permission,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  ANNOTATION_REVIEW_STATUS,
  createIotConditionalDecision,
  IOT_APP_KIND,
  IOT_IMAGE_KIND,
  IOT_RESOURCE_TYPE,
  IOT_SPEC_KIND,
  iotAppCreatePermission,
  iotAppReadPermission,
  iotAppDeletePermission,
  iotAppSubmitPermission,
  iotAppUpdatePermission,
  iotConditions,
  iotDeviceManagePermission,
  iotImageCreatePermission,
  iotImageDeletePermission,
  iotImageReadPermission,
  iotMarketplaceReadPermission,
  iotReviewDecidePermission,
  iotReviewReadPermission,
  iotSubscriptionCreatePermission,
} from '@internal/backstage-plugin-iot-common';
import { IotRole, RoleResolver } from './roles';

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

/**
 * Permission policy of the IoT portal. Roles come from the catalog groups a
 * user belongs to (see {@link RoleResolver}). `iot.*` permissions fail
 * closed; catalog writes are limited; everything else is allowed so that the
 * rest of Backstage (search, notifications, scaffolder, ...) keeps working.
 */
export class IotPolicy implements PermissionPolicy {
  private readonly roles: RoleResolver;
  private readonly logger: LoggerService;

  constructor(options: { roles: RoleResolver; logger: LoggerService }) {
    this.roles = options.roles;
    this.logger = options.logger;
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    let decision = ALLOW;
    if (permission.name.startsWith('iot.')) {
      decision = user ? await this.decideIot(permission, user) : DENY;
    } else if (permission.name.startsWith('catalog.')) {
      decision = await this.decideCatalog(permission, user);
    }
    if (decision.result === AuthorizeResult.DENY) {
      this.logger.debug(
        `Denied ${permission.name} to ${
          user?.info.userEntityRef ?? 'a request without user'
        }`,
      );
    }
    return decision;
  }

  private async decideIot(
    permission: Permission,
    user: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (isPermission(permission, iotMarketplaceReadPermission)) {
      // Every signed-in user; no need to ask the catalog for roles.
      return ALLOW;
    }
    const claims = user.info.ownershipEntityRefs;
    const roles = await this.roles.rolesOf(claims);
    const allowIf = (role: IotRole) => (roles.has(role) ? ALLOW : DENY);
    const ownedByCaller = () =>
      isResourcePermission(permission, IOT_RESOURCE_TYPE)
        ? createIotConditionalDecision(
            permission,
            iotConditions.isOwner({ claims }),
          )
        : DENY;

    switch (permission.name) {
      case iotImageCreatePermission.name:
      case iotAppCreatePermission.name:
        return allowIf('isv');
      case iotImageReadPermission.name:
      case iotAppReadPermission.name:
      case iotReviewReadPermission.name:
        if (roles.has('reviewers')) {
          return ALLOW;
        }
        return roles.has('isv') ? ownedByCaller() : DENY;
      case iotImageDeletePermission.name:
      case iotAppUpdatePermission.name:
      case iotAppDeletePermission.name:
      case iotAppSubmitPermission.name:
        // Reviewers judge ISV content but never edit it.
        return roles.has('isv') ? ownedByCaller() : DENY;
      case iotReviewDecidePermission.name:
        return allowIf('reviewers');
      case iotSubscriptionCreatePermission.name:
      case iotDeviceManagePermission.name:
        return allowIf('si');
      default:
        return DENY;
    }
  }

  private async decideCatalog(
    permission: Permission,
    user: PolicyQueryUser | undefined,
  ): Promise<PolicyDecision> {
    const claims = user?.info.ownershipEntityRefs ?? [];

    if (
      isResourcePermission(permission, RESOURCE_TYPE_CATALOG_ENTITY) &&
      (isPermission(permission, catalogEntityDeletePermission) ||
        isPermission(permission, catalogEntityRefreshPermission))
    ) {
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({ claims }),
      );
    }

    if (
      user &&
      isResourcePermission(permission, RESOURCE_TYPE_CATALOG_ENTITY) &&
      isPermission(permission, catalogEntityReadPermission)
    ) {
      return this.decideCatalogRead(permission, claims);
    }

    if (
      isPermission(permission, catalogEntityCreatePermission) ||
      isPermission(permission, catalogLocationCreatePermission) ||
      isPermission(permission, catalogLocationDeletePermission)
    ) {
      // The marketplace operator (reviewers) administers the catalog.
      const roles = await this.roles.rolesOf(claims);
      return roles.has('reviewers') ? ALLOW : DENY;
    }

    return ALLOW;
  }

  /**
   * What the iot database publishes stays as private in the catalog as it is
   * in the iot API: images, and apps and specs until they are listed, are
   * visible to the owning group and the reviewers only (issue 4: "other
   * ISVs cannot see drafts of others"). Every other entity stays readable.
   */
  private async decideCatalogRead(
    permission: ResourcePermission<typeof RESOURCE_TYPE_CATALOG_ENTITY>,
    claims: string[],
  ): Promise<PolicyDecision> {
    const roles = await this.roles.rolesOf(claims);
    if (roles.has('reviewers')) {
      return ALLOW;
    }
    return createCatalogConditionalDecision(permission, {
      anyOf: [
        {
          not: catalogConditions.isEntityKind({
            kinds: [IOT_APP_KIND, IOT_SPEC_KIND, IOT_IMAGE_KIND],
          }),
        },
        catalogConditions.isEntityOwner({ claims }),
        {
          allOf: [
            catalogConditions.isEntityKind({
              kinds: [IOT_APP_KIND, IOT_SPEC_KIND],
            }),
            catalogConditions.hasAnnotation({
              annotation: ANNOTATION_REVIEW_STATUS,
              value: 'approved',
            }),
          ],
        },
      ],
    });
  }
}
