import { AuthenticationError, isError } from '@backstage/errors';

/**
 * Turns the catalog's "not found" into a 401 that names the persona; any
 * other error (catalog unreachable, ...) is passed on unchanged.
 */
export function userNotInCatalogError(persona: string, error: unknown) {
  if (isError(error) && error.name === 'NotFoundError') {
    return new AuthenticationError(
      `User '${persona}' is not in the catalog: persona sign-in only works for catalog Users (kind User, namespace default), e.g. those in catalog/org/users.yaml`,
    );
  }
  return error;
}
