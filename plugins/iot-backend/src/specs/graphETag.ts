import { SpecGraph } from '@internal/backstage-plugin-iot-common';
import { createHash } from 'node:crypto';

/**
 * The entity tag of a graph: a strong ETag from its content, so that any
 * save that changes the graph changes it, and edits of the spec's other
 * fields do not. Also tells whether a passed deployment test was of the
 * spec's current graph.
 */
export function graphETag(graph: SpecGraph): string {
  const digest = createHash('sha256')
    .update(JSON.stringify(graph))
    .digest('hex');
  return `"${digest.slice(0, 32)}"`;
}
