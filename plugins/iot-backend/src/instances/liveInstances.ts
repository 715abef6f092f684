import { ConflictError } from '@backstage/errors';
import type { InstanceRecord } from './InstancesStore';

/** An instance that holds cloud resources, or is about to. */
export type LiveInstance = Pick<InstanceRecord, 'id' | 'specId' | 'status'>;

/**
 * What the apps and specs services ask before deleting specs: deleting a
 * spec whose instances still hold cloud resources would leave them running
 * with no page left to uninstall them from.
 */
export type LiveInstances = {
  liveInstancesOfSpecs(specIds: string[]): Promise<LiveInstance[]>;
};

/**
 * The 409 for deleting `what` while instances of its specs hold resources,
 * naming them and where to delete them.
 */
export function liveInstancesConflict(
  what: string,
  live: LiveInstance[],
): ConflictError {
  const listed = live
    .slice(0, 5)
    .map(
      instance =>
        `${instance.id} (${instance.status}; delete it on /iot/specs/${instance.specId})`,
    )
    .join(', ');
  const more = live.length > 5 ? ` and ${live.length - 5} more` : '';
  return new ConflictError(
    `${what} cannot be deleted while instances of it hold cloud resources: ${listed}${more}; delete those instances first, so nothing is left running that no page could reach (rule: no-orphaned-instances)`,
  );
}
