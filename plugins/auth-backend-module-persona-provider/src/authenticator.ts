import { KubernetesValidatorFunctions } from '@backstage/catalog-model';
import { AuthenticationError, InputError } from '@backstage/errors';
import { createProxyAuthenticator } from '@backstage/plugin-auth-node';
import { userNotInCatalogError } from './errors';

/** The header the frontend sends; it always calls the fixed /refresh URL. */
export const PERSONA_HEADER = 'x-backstage-persona';

/** What the authenticator extracts from a request. */
export type PersonaResult = {
  /** The catalog User name, e.g. "alice". */
  persona: string;
};

/**
 * Reads the persona from the `x-backstage-persona` header or, for scripts,
 * from the `?user=` query parameter.
 */
export const personaAuthenticator = createProxyAuthenticator<
  void,
  PersonaResult,
  undefined
>({
  initialize() {},
  async authenticate({ req }) {
    const fromHeader = req.header(PERSONA_HEADER);
    const fromQuery = req.query.user;
    if (Array.isArray(fromQuery) || typeof fromQuery === 'object') {
      throw new InputError(
        "pass exactly one persona: '?user=<name>' was given more than once",
      );
    }
    const persona = (fromHeader ?? fromQuery)?.trim();
    if (!persona) {
      throw new AuthenticationError(
        `No persona given: pass the catalog User name in the '${PERSONA_HEADER}' header or as '?user=<name>', e.g. ?user=alice`,
      );
    }
    if (!KubernetesValidatorFunctions.isValidObjectName(persona)) {
      throw new InputError(
        `persona must be a catalog User name such as 'alice'; got '${persona}'`,
      );
    }
    return { result: { persona } };
  },
  // The profile shown in the app (settings page, avatar) is the catalog
  // User's own profile.
  async defaultProfileTransform({ persona }, ctx) {
    try {
      const { entity } = await ctx.findCatalogUser({
        entityRef: { name: persona },
      });
      const profile = (entity.spec?.profile ?? {}) as {
        displayName?: string;
        email?: string;
        picture?: string;
      };
      return {
        profile: {
          displayName: profile.displayName ?? persona,
          email: profile.email,
          picture: profile.picture,
        },
      };
    } catch (error) {
      throw userNotInCatalogError(persona, error);
    }
  },
});
