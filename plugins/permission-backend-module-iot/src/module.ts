import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { IotPolicy } from './policy/IotPolicy';

export const permissionModuleIot = createBackendModule({
  pluginId: 'permission',
  moduleId: 'iot',
  register({ registerInit }) {
    registerInit({
      deps: {
        policy: policyExtensionPoint,
        userInfo: coreServices.userInfo,
      },
      async init({ policy, userInfo }) {
        policy.setPolicy(new IotPolicy(userInfo));
      },
    });
  },
});
