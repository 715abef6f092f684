import type {
  InstanceOperation,
  InstanceStatus,
  IotInstanceItem,
  IotInstanceResource,
  IotInstanceSummary,
  ResourceTypeItem,
} from '@internal/backstage-plugin-iot-common';
import { labelIn, type IotTranslate } from '../../lib/labels';
import type { StatusTone } from '../StatusChip';

/** Statuses in which the engine is still working on an instance: poll it. */
const ACTIVE_STATUSES: readonly InstanceStatus[] = [
  'pending',
  'installing',
  'uninstalling',
];

export function isActive(instance: Pick<IotInstanceSummary, 'status'>) {
  return ACTIVE_STATUSES.includes(instance.status);
}

const statusTones: Record<InstanceStatus, StatusTone> = {
  pending: 'neutral',
  installing: 'info',
  running: 'success',
  failed: 'danger',
  uninstalling: 'warning',
  deleted: 'neutral',
};

/** The chip of an instance's status; a failed install being undone says "Rolling back". */
export function instanceStatusChip(
  t: IotTranslate,
  instance: Pick<IotInstanceSummary, 'status' | 'operation'>,
): { label: string; tone: StatusTone } {
  if (instance.status === 'installing' && instance.operation === 'rollback') {
    return { label: t('instanceStatus.rollingBack'), tone: 'danger' };
  }
  return {
    label: t(`instanceStatus.${instance.status}`),
    tone: statusTones[instance.status],
  };
}

export type InstanceProgress = {
  operation: InstanceOperation;
  done: number;
  total: number;
  percent: number;
};

/**
 * How far the current operation is: an install counts ready resources of
 * all; a rollback or uninstall counts deleted ones of those that were ever
 * started (resources still pending were never created).
 */
export function instanceProgress(instance: IotInstanceItem): InstanceProgress {
  const { operation, resources } = instance;
  const counted =
    operation === 'install'
      ? resources
      : resources.filter(resource => resource.status !== 'pending');
  const done = counted.filter(
    resource =>
      resource.status === (operation === 'install' ? 'ready' : 'deleted'),
  ).length;
  const total = counted.length;
  return {
    operation,
    done,
    total,
    percent: total === 0 ? 100 : Math.round((done * 100) / total),
  };
}

/** Nothing the instance created is left: every resource is deleted or was never created. */
export function nothingLeft(instance: IotInstanceItem): boolean {
  return instance.resources.every(
    resource => resource.status === 'pending' || resource.status === 'deleted',
  );
}

/** Seconds between two ISO times. */
export function secondsBetween(from: string, to: string): number {
  return Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000);
}

/** The type label of a resource in `language` (its type id when the type is unknown). */
function resourceTypeLabel(
  resource: Pick<IotInstanceResource, 'type'>,
  types: ReadonlyMap<string, ResourceTypeItem>,
  language: string,
): string {
  const type = types.get(resource.type);
  return type ? labelIn(type, language) : resource.type;
}

/** "Container cluster parking-cce": a resource by type and name. */
export function resourceTitle(
  resource: Pick<IotInstanceResource, 'type' | 'name' | 'nodeId'>,
  types: ReadonlyMap<string, ResourceTypeItem>,
  language: string,
): string {
  return `${resourceTypeLabel(resource, types, language)} ${
    resource.name || resource.nodeId
  }`;
}
