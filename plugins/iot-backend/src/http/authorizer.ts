import {
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  PermissionCriteria,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { createConditionTransformer } from '@backstage/plugin-permission-node';
import express from 'express';
import {
  IotResourceFilter,
  iotResourcePermissionResourceRef,
} from '../permissions';

/** Credentials of a signed-in user. */
export type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/** The permission checks the iot routers make. */
export type Authorizer = {
  /** The caller, who must be a signed-in user (401 without a token, 403 for services). */
  user(req: express.Request): Promise<UserCredentials>;
  /**
   * Like `user`, also accepting the user cookie Backstage issues for
   * `<img src>` (the route's path needs an auth policy allowing `user-cookie`).
   */
  userOrCookie(req: express.Request): Promise<UserCredentials>;
  /**
   * Requires a basic permission, or a resource permission on `resourceRef`;
   * 403 naming it otherwise.
   */
  require(
    credentials: UserCredentials,
    permission: BasicPermission | ResourcePermission,
    resourceRef?: string,
  ): Promise<void>;
  /**
   * Requires `read` on a resource, else `notFound()` — so that ids of what
   * a caller may not see do not leak — and then each of `also`, else 403
   * naming the missing one.
   */
  requireResource(
    credentials: UserCredentials,
    resourceRef: string,
    checks: {
      read: ResourcePermission;
      notFound: () => Error;
      also?: ResourcePermission[];
    },
  ): Promise<void>;
  /** Whether the caller holds a resource permission on `resourceRef`; never throws a denial. */
  allows(
    credentials: UserCredentials,
    permission: ResourcePermission,
    resourceRef: string,
  ): Promise<boolean>;
  /**
   * The owner filter a list must apply for `read`: undefined when the caller
   * reads everything; 403 when nothing.
   */
  readFilter(
    credentials: UserCredentials,
    read: ResourcePermission,
  ): Promise<PermissionCriteria<IotResourceFilter> | undefined>;
};

/** Permission checks on the permission framework, for the iot resource type. */
export function createAuthorizer(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  permissionsRegistry: Pick<PermissionsRegistryService, 'getPermissionRuleset'>;
}): Authorizer {
  const { httpAuth, permissions, permissionsRegistry } = options;
  // conditional read decisions become an owner filter on the query
  const toOwnerFilter = createConditionTransformer(
    permissionsRegistry.getPermissionRuleset(iotResourcePermissionResourceRef),
  );

  return {
    async user(req) {
      return httpAuth.credentials(req, { allow: ['user'] });
    },

    async userOrCookie(req) {
      return httpAuth.credentials(req, {
        allow: ['user'],
        allowLimitedAccess: true,
      });
    },

    async require(credentials, permission, resourceRef) {
      const [decision] = await permissions.authorize(
        [
          resourceRef
            ? { permission: permission as ResourcePermission, resourceRef }
            : { permission: permission as BasicPermission },
        ],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `missing permission ${permission.name}${
            resourceRef ? ` on ${resourceRef}` : ''
          }`,
        );
      }
    },

    async requireResource(credentials, resourceRef, checks) {
      const wanted = [checks.read, ...(checks.also ?? [])];
      const decisions = await permissions.authorize(
        wanted.map(permission => ({ permission, resourceRef })),
        { credentials },
      );
      if (decisions[0].result !== AuthorizeResult.ALLOW) {
        throw checks.notFound();
      }
      const denied = wanted.find(
        (_permission, index) =>
          decisions[index].result !== AuthorizeResult.ALLOW,
      );
      if (denied) {
        throw new NotAllowedError(
          `missing permission ${denied.name} on ${resourceRef}`,
        );
      }
    },

    async allows(credentials, permission, resourceRef) {
      const [decision] = await permissions.authorize(
        [{ permission, resourceRef }],
        { credentials },
      );
      return decision.result === AuthorizeResult.ALLOW;
    },

    async readFilter(credentials, read) {
      const [decision] = await permissions.authorizeConditional(
        [{ permission: read }],
        { credentials },
      );
      if (decision.result === AuthorizeResult.DENY) {
        throw new NotAllowedError(`missing permission ${read.name}`);
      }
      return decision.result === AuthorizeResult.CONDITIONAL
        ? toOwnerFilter(decision.conditions)
        : undefined;
    },
  };
}
