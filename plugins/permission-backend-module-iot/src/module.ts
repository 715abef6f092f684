import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { IotPolicy } from './policy/IotPolicy';
import { CatalogRoleResolver } from './policy/roles';

/**
 * Installs the IoT portal's permission policy in the permission backend.
 *
 * @public
 */
export const permissionModuleIot = createBackendModule({
  pluginId: 'permission',
  moduleId: 'iot',
  register({ registerInit }) {
    registerInit({
      deps: {
        policy: policyExtensionPoint,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        logger: coreServices.logger,
      },
      async init({ policy, catalog, auth, logger }) {
        policy.setPolicy(
          new IotPolicy({
            roles: new CatalogRoleResolver({ catalog, auth }),
            logger,
          }),
        );
      },
    });
  },
});
