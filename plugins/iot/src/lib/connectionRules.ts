import type { ResourceTypeItem } from '@internal/backstage-plugin-iot-common';
import type { EditorEdge, EditorGraph } from './editorGraph';

/**
 * Why an edge cannot be drawn, from the registry's rules (the ones
 * `validateSpecGraph` checks, refused while drawing instead of reported
 * after): `source` would depend on `target`.
 */
export type ConnectionRefusal =
  | { reason: 'self' }
  | { reason: 'duplicate' }
  | {
      reason: 'not-allowed';
      /** Types the source may depend on. */
      allowed: readonly string[];
      /** The edge the other way round would be allowed. */
      reverse: boolean;
    }
  | { reason: 'at-most-one'; existing: string }
  | { reason: 'cycle'; path: string[] };

/** The dependency chain from `from` to `to` (both included), if there is one. */
function dependencyPath(
  edges: readonly EditorEdge[],
  from: string,
  to: string,
): string[] | undefined {
  const dependsOn = new Map<string, string[]>();
  for (const { source, target } of edges) {
    const targets = dependsOn.get(source);
    if (targets) targets.push(target);
    else dependsOn.set(source, [target]);
  }
  const previous = new Map<string, string>([[from, from]]);
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const at = queue[i];
    if (at === to) {
      const path = [to];
      for (let step = to; step !== from; ) {
        step = previous.get(step)!;
        path.push(step);
      }
      return path.reverse();
    }
    for (const next of dependsOn.get(at) ?? []) {
      if (!previous.has(next)) {
        previous.set(next, at);
        queue.push(next);
      }
    }
  }
  return undefined;
}

/** Why `connection` may not be added to `graph`; undefined when it may. */
export function connectionRefusal(
  graph: EditorGraph,
  types: ReadonlyMap<string, ResourceTypeItem>,
  connection: EditorEdge,
): ConnectionRefusal | undefined {
  const { source, target } = connection;
  if (source === target) return { reason: 'self' };
  if (graph.edges.some(e => e.source === source && e.target === target)) {
    return { reason: 'duplicate' };
  }
  const nodes = new Map(graph.nodes.map(node => [node.id, node]));
  const from = types.get(nodes.get(source)?.type ?? '');
  const to = types.get(nodes.get(target)?.type ?? '');
  if (from && to) {
    if (!from.allows.includes(to.id)) {
      return {
        reason: 'not-allowed',
        allowed: from.allows,
        reverse: to.allows.includes(from.id),
      };
    }
    if (from.atMostOne.includes(to.id)) {
      const existing = graph.edges.find(
        e => e.source === source && nodes.get(e.target)?.type === to.id,
      );
      if (existing) return { reason: 'at-most-one', existing: existing.target };
    }
  }
  const back = dependencyPath(graph.edges, target, source);
  if (back) return { reason: 'cycle', path: [source, ...back] };
  return undefined;
}
