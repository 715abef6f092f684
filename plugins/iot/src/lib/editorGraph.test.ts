import {
  exampleSpecGraph,
  listResourceTypes,
  planSpecGraph,
} from '@internal/backstage-plugin-iot-common';
import {
  addNode,
  duplicateNodes,
  EditorGraph,
  historyReducer,
  initialHistory,
  layOutByLevel,
  LAYOUT,
  moveNodes,
  removeElements,
  sameStructure,
  setProperty,
  toEditorGraph,
} from './editorGraph';

const type = (id: string) => listResourceTypes().items.find(t => t.id === id)!;

const example = () => toEditorGraph(exampleSpecGraph());

describe('layOutByLevel', () => {
  it('puts each node one column right of its deepest dependency', () => {
    const graph = exampleSpecGraph();
    const positions = layOutByLevel(graph);
    const plan = planSpecGraph(graph);
    for (const resource of plan.resources) {
      expect(positions.get(resource.nodeId)!.x).toBe(
        resource.level * LAYOUT.columnWidth,
      );
    }
    // rows of a column are distinct
    const cells = [...positions.values()].map(p => `${p.x}/${p.y}`);
    expect(new Set(cells).size).toBe(cells.length);
  });

  it('places nodes on a cycle after the others', () => {
    const positions = layOutByLevel({
      nodes: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      edges: [
        { source: 'a', target: 'b' },
        { source: 'b', target: 'a' },
      ],
    });
    expect(positions.get('c')!.x).toBe(0);
    expect(positions.get('a')!.x).toBe(LAYOUT.columnWidth);
    expect(positions.get('b')!.x).toBe(LAYOUT.columnWidth);
  });
});

describe('toEditorGraph', () => {
  it('keeps a placed graph as it is and lays out one without positions', () => {
    const placed = exampleSpecGraph();
    expect(toEditorGraph(placed)).toBe(placed);

    const unplaced = {
      nodes: placed.nodes.map(({ position: _, ...node }) => node),
      edges: placed.edges,
    };
    const graph = toEditorGraph(unplaced);
    expect(graph.nodes.every(node => node.position)).toBe(true);
  });
});

describe('graph edits', () => {
  it('adds a node with the next free id and the type defaults, but no name', () => {
    const graph = addNode(example(), type('subnet'), { x: 5, y: 6 });
    expect(graph.nodes.at(-1)).toEqual({
      id: 'subnet-1',
      type: 'subnet',
      properties: {
        cidr: '192.168.0.0/24',
        gatewayIp: '192.168.0.1',
        dhcpEnabled: true,
      },
      position: { x: 5, y: 6 },
    });
    expect(
      addNode(graph, type('subnet'), { x: 0, y: 0 }).nodes.at(-1)!.id,
    ).toBe('subnet-2');
  });

  it('moves only the nodes whose position changes, keeping the others', () => {
    const graph = example();
    const moved = moveNodes(graph, new Map([['vpc', { x: 9, y: 9 }]]));
    expect(moved.nodes[0].position).toEqual({ x: 9, y: 9 });
    expect(moved.nodes[1]).toBe(graph.nodes[1]);
    expect(moveNodes(graph, new Map([['vpc', graph.nodes[0].position]]))).toBe(
      graph,
    );
  });

  it('tells a move from a change of what the graph deploys', () => {
    const graph = example();
    expect(
      sameStructure(
        graph,
        moveNodes(graph, new Map([['vpc', { x: 9, y: 9 }]])),
      ),
    ).toBe(true);
    expect(sameStructure(graph, setProperty(graph, 'vpc', 'name', 'x'))).toBe(
      false,
    );
    expect(
      sameStructure(
        graph,
        removeElements(graph, new Set(), new Set(['lb->eip'])),
      ),
    ).toBe(false);
  });

  it('sets and removes properties', () => {
    const graph = setProperty(example(), 'vpc', 'name', 'other-vpc');
    expect(graph.nodes[0].properties.name).toBe('other-vpc');
    expect(
      setProperty(graph, 'vpc', 'name', undefined).nodes[0].properties,
    ).toEqual({ cidr: '192.168.0.0/16' });
  });

  it('removes nodes with their edges, and single edges', () => {
    const graph = example();
    const withoutDb = removeElements(graph, new Set(['db']), new Set());
    expect(withoutDb.nodes.map(n => n.id)).not.toContain('db');
    expect(
      withoutDb.edges.some(e => e.source === 'db' || e.target === 'db'),
    ).toBe(false);

    const withoutEdge = removeElements(graph, new Set(), new Set(['lb->eip']));
    expect(withoutEdge.edges).toHaveLength(graph.edges.length - 1);
    expect(removeElements(graph, new Set(), new Set())).toBe(graph);
  });

  it('duplicates nodes with new names and their dependencies', () => {
    const { graph, nodeIds } = duplicateNodes(
      example(),
      new Set(['cluster', 'pool']),
    );
    expect(nodeIds).toEqual(['container-cluster-1', 'node-pool-1']);
    const copy = graph.nodes.find(n => n.id === 'node-pool-1')!;
    expect(copy.properties.name).toBe('parking-nodes-2');
    expect(copy.position).toEqual({ x: 40, y: 400 });
    // the copied pool is in the copied cluster, which is in the same subnet
    expect(graph.edges.slice(-2)).toEqual([
      { source: 'container-cluster-1', target: 'subnet' },
      { source: 'node-pool-1', target: 'container-cluster-1' },
    ]);
  });
});

describe('historyReducer', () => {
  const rename = (name: string) => (graph: EditorGraph) =>
    setProperty(graph, 'vpc', 'name', name);

  it('undoes and redoes edits', () => {
    let state = initialHistory(example());
    const start = state.present;
    state = historyReducer(state, { type: 'edit', edit: rename('a') });
    state = historyReducer(state, { type: 'edit', edit: rename('b') });
    state = historyReducer(state, { type: 'undo' });
    expect(state.present.nodes[0].properties.name).toBe('a');
    state = historyReducer(state, { type: 'undo' });
    expect(state.present).toBe(start);
    expect(historyReducer(state, { type: 'undo' })).toBe(state);
    state = historyReducer(state, { type: 'redo' });
    state = historyReducer(state, { type: 'redo' });
    expect(state.present.nodes[0].properties.name).toBe('b');
    expect(historyReducer(state, { type: 'redo' })).toBe(state);
  });

  it('joins edits with the same key into one step and drops the redo steps', () => {
    let state = initialHistory(example());
    for (const name of ['p', 'pa', 'par']) {
      state = historyReducer(state, {
        type: 'edit',
        edit: rename(name),
        coalesce: 'vpc/name',
      });
    }
    expect(state.past).toHaveLength(1);
    state = historyReducer(state, { type: 'undo' });
    expect(state.present.nodes[0].properties.name).toBe('parking-vpc');
    state = historyReducer(state, { type: 'edit', edit: rename('x') });
    expect(state.future).toEqual([]);
  });

  it('ignores edits that change nothing', () => {
    const state = initialHistory(example());
    expect(historyReducer(state, { type: 'edit', edit: graph => graph })).toBe(
      state,
    );
  });
});
