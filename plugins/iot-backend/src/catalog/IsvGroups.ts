import { AuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { GROUP_TYPES } from '@internal/backstage-plugin-iot-common';

/** A signed-in user and their ownership claims, as `userInfo` gives them. */
export type PortalUser = {
  userEntityRef: string;
  ownershipEntityRefs: string[];
};

/** A group ref in full, lower-case form: `isv-acme` → `group:default/isv-acme`. */
export function normalizeGroupRef(ref: string): string {
  return stringifyEntityRef(
    parseEntityRef(ref, { defaultKind: 'group', defaultNamespace: 'default' }),
  );
}

/**
 * Finds the ISV group that owns what a user creates (images, apps): the
 * user's claims that are catalog Groups of type `isv`.
 */
export class IsvGroups {
  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  /**
   * The owning group of something `user` creates; `action` names it for the
   * messages ("upload images"). With several ISV groups, `ownerHint` (the
   * `owner` field of the request) picks one.
   */
  async ownerFor(
    user: PortalUser,
    action: string,
    ownerHint?: string,
  ): Promise<string> {
    const groupRefs = [
      ...new Set(
        user.ownershipEntityRefs
          .map(ref => parseEntityRef(ref))
          .filter(ref => ref.kind.toLocaleLowerCase('en-US') === 'group')
          .map(ref => stringifyEntityRef(ref)),
      ),
    ];
    const { items } = await this.catalog.getEntitiesByRefs(
      { entityRefs: groupRefs, fields: ['kind', 'spec.type'] },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    const isvGroups = groupRefs.filter(
      (_ref, index) => items[index]?.spec?.type === GROUP_TYPES.isv,
    );
    if (isvGroups.length === 0) {
      throw new NotAllowedError(
        `to ${action}, a user needs the isv role (membership of a catalog Group with spec.type 'isv'); ` +
          `${user.userEntityRef} has none`,
      );
    }
    if (ownerHint) {
      const owner = normalizeGroupRef(ownerHint);
      if (!isvGroups.includes(owner)) {
        throw new NotAllowedError(
          `${
            user.userEntityRef
          } cannot ${action} for ${owner}: not one of their ISV groups (${isvGroups.join(
            ', ',
          )})`,
        );
      }
      return owner;
    }
    if (isvGroups.length > 1) {
      throw new InputError(
        `${user.userEntityRef} is in several ISV groups (${isvGroups.join(
          ', ',
        )}); send the owning group in the 'owner' field`,
      );
    }
    return isvGroups[0];
  }
}
