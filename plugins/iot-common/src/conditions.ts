import {
  AuthorizeResult,
  ConditionalPolicyDecision,
  PermissionCondition,
  PermissionCriteria,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { IOT_RESOURCE_TYPE } from './permissions';

/**
 * Name of the rule the iot backend registers for {@link IOT_RESOURCE_TYPE}:
 * the resource's `spec.owner` is one of the given claims.
 */
export const IOT_IS_OWNER_RULE = 'IS_OWNER';

/** Parameters of the `isOwner` rule: the caller's ownership entity refs. */
export type IotIsOwnerParams = { claims: string[] };

/**
 * Condition factories for policies. They are written out by hand, rather than
 * with `createConditionExports` from `@backstage/plugin-permission-node`, so
 * that this package stays isomorphic; the iot backend tests that both agree.
 */
export const iotConditions = {
  isOwner: (
    params: IotIsOwnerParams,
  ): PermissionCondition<typeof IOT_RESOURCE_TYPE, IotIsOwnerParams> => ({
    rule: IOT_IS_OWNER_RULE,
    resourceType: IOT_RESOURCE_TYPE,
    params,
  }),
};

/** Wraps iot conditions into a conditional decision for the `iot` plugin. */
export function createIotConditionalDecision(
  permission: ResourcePermission<typeof IOT_RESOURCE_TYPE>,
  conditions: PermissionCriteria<PermissionCondition<typeof IOT_RESOURCE_TYPE>>,
): ConditionalPolicyDecision {
  return {
    result: AuthorizeResult.CONDITIONAL,
    pluginId: 'iot',
    resourceType: permission.resourceType,
    conditions,
  };
}
