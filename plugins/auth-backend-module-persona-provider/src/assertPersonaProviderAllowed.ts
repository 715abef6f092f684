import { RootConfigService } from '@backstage/backend-plugin-api';

/**
 * Persona sign-in lets anyone who can reach the backend sign in as any
 * catalog user, so it refuses to run in production unless explicitly allowed.
 */
export function assertPersonaProviderAllowed(
  config: RootConfigService,
  nodeEnv: string | undefined,
): void {
  const allowInProduction =
    config.getOptionalBoolean('auth.providers.persona.allowInProduction') ??
    false;
  if (allowInProduction) {
    return;
  }
  const authEnvironment = config.getOptionalString('auth.environment');
  const reasons = [
    nodeEnv === 'production' && 'NODE_ENV is production',
    authEnvironment === 'production' && 'auth.environment is production',
  ].filter(Boolean);
  if (reasons.length > 0) {
    throw new Error(
      `Refusing to start the persona auth provider because ${reasons.join(
        ' and ',
      )}: it lets anyone who can reach the backend sign in as any catalog user, without a password. ` +
        'Remove auth.providers.persona from the production config (set it to null) and sign in with a real provider such as GitHub; ' +
        'only for a closed demo environment, set auth.providers.persona.allowInProduction: true.',
    );
  }
}
