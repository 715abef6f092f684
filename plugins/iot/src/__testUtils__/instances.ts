import {
  exampleSpecGraph,
  planSpecGraph,
  type InstanceResourceStatus,
  type IotInstanceEvent,
  type IotInstanceItem,
  type IotInstanceSummary,
} from '@internal/backstage-plugin-iot-common';

// Mirrors what GET /instances/{instanceId} answers for a deployment test of
// the demo spec smart-parking-standard (the example graph).

export const TEST_INSTANCE_ID = 'inst-3k9x0q2m7b1c5d8e4f6a';

/** The example graph's resources in install order. */
const planned = planSpecGraph(exampleSpecGraph()).resources;

/** A test install summary of the standard spec. */
export function testInstanceSummary(
  overrides: Partial<IotInstanceSummary> = {},
): IotInstanceSummary {
  return {
    id: TEST_INSTANCE_ID,
    specId: 'smart-parking-standard',
    kind: 'test',
    status: 'pending',
    operation: 'install',
    owner: 'group:default/isv-acme',
    createdBy: 'user:default/alice',
    error: null,
    installResult: null,
    installFinishedAt: null,
    createdAt: '2026-10-05T08:00:00Z',
    updatedAt: '2026-10-05T08:00:00Z',
    ...overrides,
  };
}

/**
 * A test install of the standard spec; each resource has the status
 * `statuses` gives it by node id, else `otherwise`.
 */
export function testInstance(
  overrides: Partial<IotInstanceItem> = {},
  statuses: Record<string, InstanceResourceStatus> = {},
  otherwise: InstanceResourceStatus = 'pending',
): IotInstanceItem {
  return {
    ...testInstanceSummary(),
    resources: planned.map(resource => ({
      nodeId: resource.nodeId,
      type: resource.type,
      name: resource.name,
      status: statuses[resource.nodeId] ?? otherwise,
      outputs: {},
      error: null,
      attempts: 0,
      startedAt: null,
      finishedAt: null,
    })),
    outputs: null,
    events: [],
    ...overrides,
  };
}

/** A log line of the test install. */
export function testEvent(
  id: number,
  message: string,
  nodeId: string | null = null,
  level: IotInstanceEvent['level'] = 'info',
): IotInstanceEvent {
  return {
    id,
    at: new Date(Date.UTC(2026, 9, 5, 8, 0, id)).toISOString(),
    level,
    nodeId,
    message,
  };
}
