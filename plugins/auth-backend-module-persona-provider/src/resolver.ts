import { SignInResolver } from '@backstage/plugin-auth-node';
import { PersonaResult } from './authenticator';
import { userNotInCatalogError } from './errors';

/**
 * Signs in as the catalog User named by the persona; ownership comes from
 * the user's memberOf relations.
 */
export const personaSignInResolver: SignInResolver<PersonaResult> = async (
  { result },
  ctx,
) => {
  try {
    return await ctx.signInWithCatalogUser({
      entityRef: { name: result.persona },
    });
  } catch (error) {
    throw userNotInCatalogError(result.persona, error);
  }
};
