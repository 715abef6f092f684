import { getResourceType } from './registry';
import type { ResourceTypeId } from './types';

/** An edge of a dependency graph: `source` depends on `target`. */
type DependencyEdge = { source: string; target: string };

/**
 * Why an edge may not be added to a graph (`source` would depend on
 * `target`): the rules `validateSpecGraph` reports on, asked before the edge
 * is drawn.
 */
export type ConnectionRefusal =
  | { reason: 'self' }
  | { reason: 'duplicate' }
  | {
      reason: 'not-allowed';
      /** Types the source may depend on. */
      allowed: readonly ResourceTypeId[];
      /** The edge the other way round would be allowed. */
      reverse: boolean;
    }
  | { reason: 'at-most-one'; existing: string }
  | { reason: 'cycle'; path: string[] };

/**
 * Why a resource of type `from` may not depend on one of type `to`;
 * undefined when it may, or when either type is unknown (a problem of its
 * own).
 */
export function dependencyTypeRefusal(
  from: string,
  to: string,
): Extract<ConnectionRefusal, { reason: 'not-allowed' }> | undefined {
  const source = getResourceType(from);
  const target = getResourceType(to);
  if (!source || !target || source.allows.includes(target.id)) {
    return undefined;
  }
  return {
    reason: 'not-allowed',
    allowed: source.allows,
    reverse: target.allows.includes(source.id),
  };
}

/** The dependency chain from `from` to `to` (both included), if there is one. */
function dependencyPath(
  edges: readonly DependencyEdge[],
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

/**
 * Why `connection` may not be added to `graph`; undefined when it may.
 * The editor refuses such an edge while it is drawn; `validateSpecGraph`
 * reports the same rules on a graph that has them broken.
 */
export function connectionRefusal(
  graph: {
    nodes: readonly { id: string; type: string }[];
    edges: readonly DependencyEdge[];
  },
  connection: DependencyEdge,
): ConnectionRefusal | undefined {
  const { source, target } = connection;
  if (source === target) return { reason: 'self' };
  if (graph.edges.some(e => e.source === source && e.target === target)) {
    return { reason: 'duplicate' };
  }
  const types = new Map(graph.nodes.map(node => [node.id, node.type]));
  const from = types.get(source);
  const to = types.get(target);
  if (from !== undefined && to !== undefined) {
    const refusal = dependencyTypeRefusal(from, to);
    if (refusal) return refusal;
    if (getResourceType(from)?.atMostOne.some(type => type === to)) {
      const existing = graph.edges.find(
        e => e.source === source && types.get(e.target) === to,
      );
      if (existing) return { reason: 'at-most-one', existing: existing.target };
    }
  }
  const back = dependencyPath(graph.edges, target, source);
  if (back) return { reason: 'cycle', path: [source, ...back] };
  return undefined;
}
