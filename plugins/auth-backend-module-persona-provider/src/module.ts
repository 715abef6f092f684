import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import { assertPersonaProviderAllowed } from './assertPersonaProviderAllowed';
import { personaAuthenticator } from './authenticator';
import { personaSignInResolver } from './resolver';

/**
 * Local sign-in as a demo persona (auth provider `persona`); registered only
 * where `auth.providers.persona` is configured.
 */
export const authModulePersonaProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'persona-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        providers: authProvidersExtensionPoint,
      },
      async init({ config, logger, providers }) {
        if (!config.has('auth.providers.persona')) {
          return;
        }
        assertPersonaProviderAllowed(config, process.env.NODE_ENV);
        providers.registerProvider({
          providerId: 'persona',
          factory: createProxyAuthProviderFactory({
            authenticator: personaAuthenticator,
            signInResolver: personaSignInResolver,
          }),
        });
        logger.warn(
          'Persona sign-in is enabled: anyone who can reach this backend can sign in as any catalog user. Use it for local development only.',
        );
      },
    });
  },
});
