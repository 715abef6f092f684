import type { ResourceTypeItem } from '@internal/backstage-plugin-iot-common';
import { EditorEdge, EditorGraph, nodeName } from '../../lib/editorGraph';
import { IotTranslate, labelIn } from '../../lib/labels';
import type { CanvasRefusal } from './EditorCanvas';

/** Why a connection was refused and what to do instead, in the reader's language. */
export function refusalText(
  t: IotTranslate,
  refusal: CanvasRefusal,
  edge: EditorEdge,
  graph: EditorGraph,
  types: ReadonlyMap<string, ResourceTypeItem>,
  language: string,
): string {
  const nodes = new Map(graph.nodes.map(node => [node.id, node]));
  const name = (id: string) => nodeName(nodes.get(id), id);
  const typeLabel = (typeId: string | undefined) => {
    const type = types.get(typeId ?? '');
    return type ? labelIn(type, language) : typeId ?? '?';
  };
  const source = name(edge.source);
  const target = name(edge.target);
  const sourceType = typeLabel(nodes.get(edge.source)?.type);
  const targetType = typeLabel(nodes.get(edge.target)?.type);
  switch (refusal.reason) {
    case 'same-handles':
      return t('connection.sameHandles');
    case 'self':
      return t('connection.self');
    case 'duplicate':
      return t('connection.duplicate', { source, target });
    case 'not-allowed': {
      const text = refusal.allowed.length
        ? t('connection.notAllowed', {
            source,
            sourceType,
            target,
            targetType,
            allowed: refusal.allowed.map(typeLabel).join(', '),
          })
        : t('connection.dependsOnNothing', { source, sourceType, targetType });
      return refusal.reverse
        ? `${text} ${t('connection.reverse', { source, target })}`
        : text;
    }
    case 'at-most-one':
      return t('connection.atMostOne', {
        source,
        sourceType,
        targetType,
        existing: name(refusal.existing),
      });
    default:
      return t('connection.cycle', {
        path: refusal.path.map(name).join(' → '),
      });
  }
}
