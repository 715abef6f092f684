import type { ResourceTypeItem } from '@internal/backstage-plugin-iot-common';
import { Edge } from '@xyflow/react';
import { useMemo, useRef } from 'react';
import { labelIn } from '../../lib/labels';
import { EditorGraph, EditorNode, edgeId } from '../../lib/editorGraph';
import type { ResourceFlowNode, ResourceNodeData } from './ResourceNode';

/** Selected nodes and edges, by id. */
export type EditorSelection = {
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
};

export const NO_SELECTION: EditorSelection = {
  nodes: new Set(),
  edges: new Set(),
};

/** Nodes and edges of the plan's critical path, highlighted while the plan is shown. */
export type Highlight = {
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
};

export const NO_HIGHLIGHT: Highlight = { nodes: new Set(), edges: new Set() };

/** The highlight of a critical path (node ids in install order: each depends on the one before). */
export function criticalPathHighlight(nodeIds: readonly string[]): Highlight {
  return {
    nodes: new Set(nodeIds),
    edges: new Set(
      nodeIds
        .slice(1)
        .map((source, i) => edgeId({ source, target: nodeIds[i] })),
    ),
  };
}

/** Flavour, quantity and the scalar key properties of a node: "c7.xlarge.2 · ×3 · HCE OS 2.0". */
export function nodeSummary(
  node: EditorNode,
  type: ResourceTypeItem | undefined,
): string {
  if (!type) return node.type;
  const { properties } = node;
  const parts: string[] = [];
  const { flavourProperty, quantityProperty } = type.billing;
  if (flavourProperty && typeof properties[flavourProperty] === 'string') {
    parts.push(properties[flavourProperty] as string);
  }
  if (quantityProperty && typeof properties[quantityProperty] === 'number') {
    parts.push(`×${properties[quantityProperty]}`);
  }
  for (const key of type.keyProperties) {
    const value = properties[key];
    if (typeof value === 'string' || typeof value === 'number') {
      parts.push(String(value));
    } else if (key === 'image' && value && typeof value === 'object') {
      const { name, version } = value as { name?: unknown; version?: unknown };
      if (typeof name === 'string') {
        parts.push(typeof version === 'string' ? `${name}:${version}` : name);
      }
    }
  }
  return parts.slice(0, 3).join(' · ');
}

type CachedNode = {
  source: EditorNode;
  selected: boolean;
  measured?: { width: number; height: number };
  data: ResourceNodeData;
  node: ResourceFlowNode;
};

type NodeInputs = {
  graph: EditorGraph;
  types: ReadonlyMap<string, ResourceTypeItem>;
  language: string;
  selection: EditorSelection;
  problemCounts: ReadonlyMap<string, number>;
  critical: Highlight;
  measured: ReadonlyMap<string, { width: number; height: number }>;
};

function sameData(a: ResourceNodeData, b: ResourceNodeData) {
  return (
    a.name === b.name &&
    a.summary === b.summary &&
    a.problems === b.problems &&
    a.critical === b.critical &&
    a.typeLabel === b.typeLabel &&
    a.icon === b.icon
  );
}

/**
 * The canvas nodes of the graph. A node whose inputs did not change is the
 * same object as before, and its `data` too while what it shows is the
 * same: @xyflow then skips it, and a drag re-renders only the dragged node.
 */
export function useFlowNodes(inputs: NodeInputs): ResourceFlowNode[] {
  const cache = useRef(new Map<string, CachedNode>());
  const {
    graph,
    types,
    language,
    selection,
    problemCounts,
    critical,
    measured,
  } = inputs;
  return useMemo(() => {
    const next = new Map<string, CachedNode>();
    const nodes = graph.nodes.map(source => {
      const cached = cache.current.get(source.id);
      const selected = selection.nodes.has(source.id);
      const size = measured.get(source.id);
      const type = types.get(source.type);
      const name = source.properties.name;
      const data: ResourceNodeData = {
        icon: type?.icon ?? '',
        category: type?.category ?? '',
        typeLabel: type ? labelIn(type, language) : source.type,
        name: typeof name === 'string' && name ? name : undefined,
        summary: nodeSummary(source, type),
        problems: problemCounts.get(source.id) ?? 0,
        critical: critical.nodes.has(source.id),
      };
      if (
        cached &&
        cached.source === source &&
        cached.selected === selected &&
        cached.measured === size &&
        sameData(cached.data, data)
      ) {
        next.set(source.id, cached);
        return cached.node;
      }
      const stableData =
        cached && sameData(cached.data, data) ? cached.data : data;
      const node: ResourceFlowNode = {
        id: source.id,
        type: 'resource',
        position: source.position,
        data: stableData,
        selected,
        measured: size,
        ariaLabel: `${stableData.typeLabel} ${stableData.name ?? source.id}`,
      };
      next.set(source.id, { source, selected, measured: size, data, node });
      return node;
    });
    cache.current = next;
    return nodes;
  }, [graph, types, language, selection, problemCounts, critical, measured]);
}

/** The canvas edges, as `EdgeLayer` draws them: red when wrong, animated on the critical path. */
export function useFlowEdges(inputs: {
  edges: EditorGraph['edges'];
  selection: EditorSelection;
  problemEdges: ReadonlySet<string>;
  critical: Highlight;
}): Edge[] {
  // Not the graph: moving a node changes the graph but not its edges.
  const { edges, selection, problemEdges, critical } = inputs;
  return useMemo(() => {
    const seen = new Set<string>();
    return edges.map(edge => {
      let id = edgeId(edge);
      // a graph saved before the rules may repeat an edge; each needs its own id
      for (let n = 2; seen.has(id); n++) id = `${edgeId(edge)}#${n}`;
      seen.add(id);
      const wrong = problemEdges.has(id);
      return {
        id,
        source: edge.source,
        target: edge.target,
        selected: selection.edges.has(id),
        animated: critical.edges.has(id),
        className: wrong ? 'iot-edge-problem' : undefined,
      };
    });
  }, [edges, selection, problemEdges, critical]);
}
