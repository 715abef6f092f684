import { SpecGraph } from '../apps';
import { connectionRefusal, dependencyTypeRefusal } from './connections';
import { exampleSpecGraph } from './example';
import { RESOURCE_TYPE_IDS } from './types';
import { validateSpecGraph } from './validate';

const graph = exampleSpecGraph();

function withNode(base: SpecGraph, id: string, type: string): SpecGraph {
  return {
    ...base,
    nodes: [...base.nodes, { id, type, properties: { name: id } }],
  };
}

describe('connectionRefusal', () => {
  it('accepts an edge the registry allows', () => {
    expect(
      connectionRefusal(withNode(graph, 'vm-1', 'vm'), {
        source: 'vm-1',
        target: 'subnet',
      }),
    ).toBeUndefined();
  });

  it('refuses a node depending on itself and a second identical edge', () => {
    expect(connectionRefusal(graph, { source: 'vpc', target: 'vpc' })).toEqual({
      reason: 'self',
    });
    expect(
      connectionRefusal(graph, { source: 'subnet', target: 'vpc' }),
    ).toEqual({ reason: 'duplicate' });
  });

  it('refuses types that may not depend on each other, saying when the other way round is right', () => {
    expect(
      connectionRefusal(graph, { source: 'vpc', target: 'subnet' }),
    ).toEqual({ reason: 'not-allowed', allowed: [], reverse: true });
    expect(
      connectionRefusal(graph, { source: 'subnet', target: 'eip' }),
    ).toEqual({ reason: 'not-allowed', allowed: ['vpc'], reverse: false });
  });

  it('refuses a second dependency of a kind a node may have only one of', () => {
    expect(
      connectionRefusal(withNode(graph, 'vpc-1', 'vpc'), {
        source: 'subnet',
        target: 'vpc-1',
      }),
    ).toEqual({ reason: 'at-most-one', existing: 'vpc' });
  });

  it('refuses an edge that closes a cycle, naming it', () => {
    // workloads may depend on workloads: server-2 → server, then server → server-2
    const two = withNode(graph, 'server-2', 'container-workload');
    const chained = {
      ...two,
      edges: [...two.edges, { source: 'server-2', target: 'server' }],
    };
    expect(
      connectionRefusal(chained, { source: 'server', target: 'server-2' }),
    ).toEqual({ reason: 'cycle', path: ['server', 'server-2', 'server'] });
  });

  it('leaves nodes of unknown types to validation', () => {
    expect(
      connectionRefusal(withNode(graph, 'x', 'teleporter'), {
        source: 'x',
        target: 'vpc',
      }),
    ).toBeUndefined();
  });
});

describe('dependencyTypeRefusal', () => {
  it('is the rule validation reports edges by, for every pair of types', () => {
    for (const from of RESOURCE_TYPE_IDS) {
      for (const to of RESOURCE_TYPE_IDS) {
        const edge = {
          nodes: [
            { id: 'a', type: from, properties: {} },
            { id: 'b', type: to, properties: {} },
          ],
          edges: [{ source: 'a', target: 'b' }],
        };
        const reported = validateSpecGraph(edge).problems.some(
          problem => problem.rule === 'edge-not-allowed',
        );
        expect([from, to, reported]).toEqual([
          from,
          to,
          dependencyTypeRefusal(from, to) !== undefined,
        ]);
      }
    }
  });
});
