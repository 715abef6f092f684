import {
  exampleSpecGraph,
  listResourceTypes,
} from '@internal/backstage-plugin-iot-common';
import { connectionRefusal } from './connectionRules';
import { addNode, toEditorGraph } from './editorGraph';

const types = new Map(listResourceTypes().items.map(type => [type.id, type]));
const graph = toEditorGraph(exampleSpecGraph());

describe('connectionRefusal', () => {
  it('accepts an edge the registry allows', () => {
    const withVm = addNode(graph, types.get('vm')!, { x: 0, y: 0 });
    expect(
      connectionRefusal(withVm, types, { source: 'vm-1', target: 'subnet' }),
    ).toBeUndefined();
  });

  it('refuses a node depending on itself and a second identical edge', () => {
    expect(
      connectionRefusal(graph, types, { source: 'vpc', target: 'vpc' }),
    ).toEqual({ reason: 'self' });
    expect(
      connectionRefusal(graph, types, { source: 'subnet', target: 'vpc' }),
    ).toEqual({ reason: 'duplicate' });
  });

  it('refuses types that may not depend on each other, saying when the other way round is right', () => {
    expect(
      connectionRefusal(graph, types, { source: 'vpc', target: 'subnet' }),
    ).toEqual({ reason: 'not-allowed', allowed: [], reverse: true });
    expect(
      connectionRefusal(graph, types, { source: 'subnet', target: 'eip' }),
    ).toEqual({ reason: 'not-allowed', allowed: ['vpc'], reverse: false });
  });

  it('refuses a second dependency of a kind a node may have only one of', () => {
    const twoVpcs = addNode(graph, types.get('vpc')!, { x: 0, y: 0 });
    expect(
      connectionRefusal(twoVpcs, types, { source: 'subnet', target: 'vpc-1' }),
    ).toEqual({ reason: 'at-most-one', existing: 'vpc' });
  });

  it('refuses an edge that closes a cycle, naming it', () => {
    // workloads may depend on workloads: server-2 → server, then server → server-2
    const two = addNode(graph, types.get('container-workload')!, {
      x: 0,
      y: 0,
    });
    const chained = {
      ...two,
      edges: [
        ...two.edges,
        { source: 'container-workload-1', target: 'server' },
      ],
    };
    expect(
      connectionRefusal(chained, types, {
        source: 'server',
        target: 'container-workload-1',
      }),
    ).toEqual({
      reason: 'cycle',
      path: ['server', 'container-workload-1', 'server'],
    });
  });
});
