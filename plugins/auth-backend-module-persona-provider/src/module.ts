import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';

export const authModulePersonaProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'persona-provider',
  register(reg) {
    reg.registerInit({
      deps: { logger: coreServices.logger },
      async init({ logger }) {
        logger.info('Hello World!');
      },
    });
  },
});
