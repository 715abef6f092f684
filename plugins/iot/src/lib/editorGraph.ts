import type {
  ResourceTypeItem,
  SpecGraph,
  SpecGraphNode,
} from '@internal/backstage-plugin-iot-common';

export type XY = { x: number; y: number };

/** A node on the canvas: always placed. */
export type EditorNode = Omit<SpecGraphNode, 'position'> & { position: XY };

export type EditorEdge = SpecGraph['edges'][number];

/** The graph being edited; nodes and edges are replaced, never mutated, so unchanged ones keep their identity. */
export type EditorGraph = { nodes: EditorNode[]; edges: EditorEdge[] };

/** Spacing of the automatic layout: columns by dependency level, rows within one. */
export const LAYOUT = { columnWidth: 320, rowHeight: 120 } as const;

/** Id of an edge on the canvas; `>` is not allowed in node ids, so ids do not clash. */
export function edgeId(edge: EditorEdge): string {
  return `${edge.source}->${edge.target}`;
}

/**
 * A graph as the editor edits it; nodes saved without a position (imports,
 * graphs made by tools) are laid out by dependency level.
 */
export function toEditorGraph(graph: SpecGraph): EditorGraph {
  if (graph.nodes.every(node => node.position)) {
    return graph as EditorGraph;
  }
  const positions = layOutByLevel(graph);
  return {
    nodes: graph.nodes.map(node => ({
      ...node,
      position: node.position ?? positions.get(node.id)!,
    })),
    edges: graph.edges,
  };
}

/**
 * Positions that put every node right of what it depends on: column by
 * dependency level (longest chain of dependencies; nodes on a cycle go
 * after the rest), rows ordered by the mean row of their dependencies so
 * that edges cross less.
 */
export function layOutByLevel(graph: {
  nodes: readonly { id: string }[];
  edges: readonly EditorEdge[];
}): Map<string, XY> {
  const ids = graph.nodes.map(node => node.id);
  const known = new Set(ids);
  const dependsOn = new Map<string, string[]>(ids.map(id => [id, []]));
  const dependants = new Map<string, string[]>(ids.map(id => [id, []]));
  for (const { source, target } of graph.edges) {
    if (known.has(source) && known.has(target) && source !== target) {
      dependsOn.get(source)!.push(target);
      dependants.get(target)!.push(source);
    }
  }

  const level = new Map<string, number>();
  const pending = new Map(ids.map(id => [id, dependsOn.get(id)!.length]));
  const ready = ids.filter(id => pending.get(id) === 0);
  for (let i = 0; i < ready.length; i++) {
    const id = ready[i];
    level.set(
      id,
      Math.max(-1, ...dependsOn.get(id)!.map(d => level.get(d)!)) + 1,
    );
    for (const dependant of dependants.get(id)!) {
      const left = pending.get(dependant)! - 1;
      pending.set(dependant, left);
      if (left === 0) ready.push(dependant);
    }
  }
  const afterAcyclic = Math.max(-1, ...level.values()) + 1;
  for (const id of ids) {
    if (!level.has(id)) level.set(id, afterAcyclic);
  }

  const columns: string[][] = [];
  for (const id of ids) (columns[level.get(id)!] ??= []).push(id);
  const row = new Map<string, number>();
  const positions = new Map<string, XY>();
  columns.forEach((column, x) => {
    const weight = (id: string) => {
      const rows = dependsOn
        .get(id)!
        .map(d => row.get(d))
        .filter((r): r is number => r !== undefined);
      return rows.length ? rows.reduce((a, b) => a + b, 0) / rows.length : 0;
    };
    const ordered = column
      .map((id, index) => ({ id, index, weight: weight(id) }))
      .sort((a, b) => a.weight - b.weight || a.index - b.index);
    const offset = (ordered.length - 1) / 2;
    ordered.forEach(({ id }, y) => {
      row.set(id, y - offset);
      positions.set(id, {
        x: x * LAYOUT.columnWidth,
        y: (y - offset) * LAYOUT.rowHeight,
      });
    });
  });
  return positions;
}

/**
 * The graphs differ at most in where nodes are: same nodes (ids, types,
 * the same properties objects) and the same edges. Such a change is a move
 * and leaves validation, plan and property panel as they were.
 */
export function sameStructure(a: EditorGraph, b: EditorGraph): boolean {
  return (
    a === b ||
    (a.edges === b.edges &&
      a.nodes.length === b.nodes.length &&
      a.nodes.every((node, i) => {
        const other = b.nodes[i];
        return (
          node.id === other.id &&
          node.type === other.type &&
          node.properties === other.properties
        );
      }))
  );
}

/** A node as people call it: its name, or its id while it has none. */
export function nodeName(node: EditorNode | undefined, id: string): string {
  const name = node?.properties.name;
  return typeof name === 'string' && name ? name : id;
}

/** The first of `type-1`, `type-2`, … that no node has. */
export function nextNodeId(graph: EditorGraph, typeId: string): string {
  const taken = new Set(graph.nodes.map(node => node.id));
  let n = 1;
  while (taken.has(`${typeId}-${n}`)) n++;
  return `${typeId}-${n}`;
}

/** Property defaults of a type, from its JSON Schema. */
export function defaultProperties(type: ResourceTypeItem) {
  const properties: Record<string, unknown> = {};
  const schema = type.propertySchema as {
    properties?: Record<string, { default?: unknown }>;
  };
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    if (property.default !== undefined) {
      properties[key] = structuredClone(property.default);
    }
  }
  return properties;
}

/**
 * A new node of `type` at `position`, with the type's defaults. The name is
 * left for the user: names are what deployed resources are called.
 */
export function addNode(
  graph: EditorGraph,
  type: ResourceTypeItem,
  position: XY,
  nodeId = nextNodeId(graph, type.id),
): EditorGraph {
  return {
    nodes: [
      ...graph.nodes,
      {
        id: nodeId,
        type: type.id,
        properties: defaultProperties(type),
        position,
      },
    ],
    edges: graph.edges,
  };
}

export function moveNodes(
  graph: EditorGraph,
  positions: ReadonlyMap<string, XY>,
): EditorGraph {
  let changed = false;
  const nodes = graph.nodes.map(node => {
    const position = positions.get(node.id);
    if (
      !position ||
      (position.x === node.position.x && position.y === node.position.y)
    ) {
      return node;
    }
    changed = true;
    return { ...node, position };
  });
  return changed ? { nodes, edges: graph.edges } : graph;
}

/** Sets (or, with `undefined`, removes) one top-level property of a node. */
export function setProperty(
  graph: EditorGraph,
  nodeId: string,
  key: string,
  value: unknown,
): EditorGraph {
  return {
    nodes: graph.nodes.map(node => {
      if (node.id !== nodeId) return node;
      const { [key]: _, ...rest } = node.properties;
      return {
        ...node,
        properties: value === undefined ? rest : { ...rest, [key]: value },
      };
    }),
    edges: graph.edges,
  };
}

export function connect(graph: EditorGraph, edge: EditorEdge): EditorGraph {
  return { nodes: graph.nodes, edges: [...graph.edges, edge] };
}

/** Removes nodes (with their edges) and edges by id. */
export function removeElements(
  graph: EditorGraph,
  nodeIds: ReadonlySet<string>,
  edgeIds: ReadonlySet<string>,
): EditorGraph {
  if (nodeIds.size === 0 && edgeIds.size === 0) return graph;
  const nodes = graph.nodes.filter(node => !nodeIds.has(node.id));
  const edges = graph.edges.filter(
    edge =>
      !nodeIds.has(edge.source) &&
      !nodeIds.has(edge.target) &&
      !edgeIds.has(edgeId(edge)),
  );
  return nodes.length === graph.nodes.length &&
    edges.length === graph.edges.length
    ? graph
    : { nodes, edges };
}

/** `name`, or `name-2`, `name-3`, … whichever is not taken. */
function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  const stem = name.replace(/-\d+$/, '');
  let n = 2;
  while (taken.has(`${stem}-${n}`)) n++;
  return `${stem}-${n}`;
}

/**
 * Copies of nodes, offset from the originals, with names of their own. A
 * copy depends on what its original depends on (on the copy, for
 * dependencies copied with it); dependants are not copied.
 */
export function duplicateNodes(
  graph: EditorGraph,
  nodeIds: ReadonlySet<string>,
): { graph: EditorGraph; nodeIds: string[] } {
  const copies = new Map<string, string>();
  const nodes = [...graph.nodes];
  const namesByType = new Map<string, Set<string>>();
  for (const node of graph.nodes) {
    const name = node.properties.name;
    if (typeof name !== 'string') continue;
    const names = namesByType.get(node.type) ?? new Set();
    namesByType.set(node.type, names.add(name));
  }
  for (const original of graph.nodes) {
    if (!nodeIds.has(original.id)) continue;
    const id = nextNodeId({ nodes, edges: [] }, original.type);
    copies.set(original.id, id);
    const properties = structuredClone(original.properties);
    if (typeof properties.name === 'string' && properties.name) {
      const names = namesByType.get(original.type)!;
      properties.name = uniqueName(properties.name, names);
      names.add(properties.name as string);
    }
    nodes.push({
      id,
      type: original.type,
      properties,
      position: { x: original.position.x + 40, y: original.position.y + 40 },
    });
  }
  const edges = [...graph.edges];
  for (const edge of graph.edges) {
    const source = copies.get(edge.source);
    if (source) {
      edges.push({ source, target: copies.get(edge.target) ?? edge.target });
    }
  }
  return { graph: { nodes, edges }, nodeIds: [...copies.values()] };
}

/** Undo history of the edited graph. */
export type EditorHistory = {
  past: EditorGraph[];
  present: EditorGraph;
  future: EditorGraph[];
  /** Edits with the same key as the last one join its undo step (a drag, typing in one field). */
  coalesce?: string;
};

export type HistoryAction =
  | { type: 'reset'; graph: EditorGraph }
  | {
      type: 'edit';
      edit: (graph: EditorGraph) => EditorGraph;
      coalesce?: string;
    }
  | { type: 'undo' }
  | { type: 'redo' };

/** Undo steps kept; older ones are dropped. */
export const HISTORY_LIMIT = 100;

export function initialHistory(graph: EditorGraph): EditorHistory {
  return { past: [], present: graph, future: [] };
}

export function historyReducer(
  state: EditorHistory,
  action: HistoryAction,
): EditorHistory {
  switch (action.type) {
    case 'reset':
      return initialHistory(action.graph);
    case 'edit': {
      const next = action.edit(state.present);
      if (next === state.present) return state;
      if (action.coalesce && action.coalesce === state.coalesce) {
        return { ...state, present: next, future: [] };
      }
      return {
        past: [...state.past, state.present].slice(-HISTORY_LIMIT),
        present: next,
        future: [],
        coalesce: action.coalesce,
      };
    }
    case 'undo': {
      const previous = state.past[state.past.length - 1];
      if (!previous) return state;
      return {
        past: state.past.slice(0, -1),
        present: previous,
        future: [state.present, ...state.future],
      };
    }
    case 'redo': {
      const [next, ...future] = state.future;
      if (!next) return state;
      return {
        past: [...state.past, state.present],
        present: next,
        future,
      };
    }
    default:
      return state;
  }
}
