import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  createDeployInstanceAction,
  createUninstallInstanceAction,
} from './actions';

/**
 * The IoT portal's scaffolder actions: `iot:instance:deploy` and
 * `iot:instance:uninstall`.
 *
 * @public
 */
export const scaffolderModuleIot = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'iot',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, discovery, auth }) {
        scaffolder.addActions(
          createDeployInstanceAction({ discovery, auth }),
          createUninstallInstanceAction({ discovery, auth }),
        );
      },
    });
  },
});
