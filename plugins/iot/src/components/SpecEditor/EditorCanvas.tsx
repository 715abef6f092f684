import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import type { ResourceTypeItem } from '@internal/backstage-plugin-iot-common';
import {
  AriaLabelConfig,
  Background,
  Connection,
  Controls,
  Edge,
  EdgeChange,
  FinalConnectionState,
  MiniMap,
  NodeChange,
  OnConnectStart,
  Panel,
  ReactFlow,
  useReactFlow,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import {
  Dispatch,
  DragEvent,
  SetStateAction,
  useCallback,
  useMemo,
  useRef,
  useState,
} from 'react';
import {
  ConnectionRefusal,
  connectionRefusal,
} from '../../lib/connectionRules';
import { EditorEdge, EditorGraph, XY } from '../../lib/editorGraph';
import { useLocale } from '../../lib/useLocale';
import { iotTranslationRef } from '../../translation';
import { RESOURCE_TYPE_DRAG_TYPE } from '../ResourcePalette';
import { categoryColor } from '../ResourceTypeIcon';
import {
  EditorSelection,
  Highlight,
  useFlowEdges,
  useFlowNodes,
} from './flowElements';
import { NODE_WIDTH, ResourceFlowNode, ResourceNode } from './ResourceNode';

const NODE_TYPES = { resource: ResourceNode };

const DIRECTIONS = ['up', 'down', 'left', 'right'] as const;
type Direction = (typeof DIRECTIONS)[number];

/** Refused because both ends are handles of the same kind (two "depends on" handles). */
export type CanvasRefusal = ConnectionRefusal | { reason: 'same-handles' };

const useStyles = makeStyles(theme => ({
  canvas: {
    width: '100%',
    height: '100%',
    '& .iot-edge-problem .react-flow__edge-path': {
      stroke: theme.palette.error.main,
      strokeWidth: 2,
    },
    '& .react-flow__edge.animated .react-flow__edge-path': {
      stroke: theme.palette.warning.main,
      strokeWidth: 2,
    },
  },
  hint: {
    maxWidth: 420,
    padding: theme.spacing(1.5),
    borderRadius: theme.shape.borderRadius,
    backgroundColor: theme.palette.background.paper,
    color: theme.palette.text.secondary,
    boxShadow: theme.shadows[1],
    fontSize: theme.typography.body2.fontSize,
  },
}));

type Sizes = ReadonlyMap<string, { width: number; height: number }>;

function applySelect(
  previous: EditorSelection,
  kind: keyof EditorSelection,
  changes: { id: string; selected: boolean }[],
): EditorSelection {
  const ids = new Set(previous[kind]);
  for (const change of changes) {
    if (change.selected) ids.add(change.id);
    else ids.delete(change.id);
  }
  const same =
    ids.size === previous[kind].size &&
    [...ids].every(id => previous[kind].has(id));
  return same ? previous : { ...previous, [kind]: ids };
}

/** The edge a connection from `from` to `to` makes, and whether the handles fit. */
function edgeBetween(
  from: { nodeId: string; type: 'source' | 'target' },
  to: { nodeId: string; type: 'source' | 'target' },
): EditorEdge | 'same-handles' {
  if (from.type === to.type) return 'same-handles';
  return from.type === 'source'
    ? { source: from.nodeId, target: to.nodeId }
    : { source: to.nodeId, target: from.nodeId };
}

export interface EditorCanvasProps {
  graph: EditorGraph;
  types: ReadonlyMap<string, ResourceTypeItem>;
  selection: EditorSelection;
  onSelectionChange: Dispatch<SetStateAction<EditorSelection>>;
  problemCounts: ReadonlyMap<string, number>;
  problemEdges: ReadonlySet<string>;
  highlight: Highlight;
  readOnly: boolean;
  /** Nodes moved; moves with the same `coalesce` key are one undo step. */
  onMove: (positions: Map<string, XY>, coalesce: string) => void;
  onConnect: (edge: EditorEdge) => void;
  /** A connection was refused; say why. */
  onRefused: (edge: EditorEdge, refusal: CanvasRefusal) => void;
  onDropType: (typeId: string, position: XY) => void;
}

/**
 * The canvas (SPEC-7 area 2): nodes dragged and connected, palette items
 * dropped; connections the registry forbids are refused while drawing. The
 * nodes it hands to @xyflow keep their identity unless they change, so a
 * drag re-renders one node, not all of them.
 */
export function EditorCanvas(props: EditorCanvasProps) {
  const { graph, types, selection, problemCounts, problemEdges, highlight } =
    props;
  const { readOnly } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const language = useLocale();
  const theme = useTheme();
  const classes = useStyles();
  const { screenToFlowPosition } = useReactFlow();
  const [measured, setMeasured] = useState<Sizes>(new Map());
  // Fit a graph that is there on opening; @xyflow would otherwise fit an
  // empty one around its first node, moving the canvas under the user.
  const [fitOnOpen] = useState(graph.nodes.length > 0);
  // Handlers read the latest props through a ref and stay the same
  // functions, so @xyflow does not see new props on every render.
  const latest = useRef(props);
  latest.current = props;
  const dragSession = useRef(0);
  const clickStart = useRef<{ nodeId: string; type: 'source' | 'target' }>();

  const nodes = useFlowNodes({
    graph,
    types,
    language,
    selection,
    problemCounts,
    critical: highlight,
    measured,
  });
  const edges = useFlowEdges({
    edges: graph.edges,
    selection,
    problemEdges,
    critical: highlight,
  });

  const onNodesChange = useCallback(
    (changes: NodeChange<ResourceFlowNode>[]) => {
      const moves = new Map<string, XY>();
      let dragging = false;
      const sizes: [string, { width: number; height: number }][] = [];
      const selects: { id: string; selected: boolean }[] = [];
      for (const change of changes) {
        if (change.type === 'position' && change.position) {
          moves.set(change.id, change.position);
          dragging ||= Boolean(change.dragging);
        } else if (change.type === 'dimensions' && change.dimensions) {
          sizes.push([change.id, change.dimensions]);
        } else if (change.type === 'select') {
          selects.push(change);
        }
      }
      if (moves.size > 0) {
        latest.current.onMove(
          moves,
          dragging ? `drag-${dragSession.current}` : 'nudge',
        );
      }
      if (sizes.length > 0) {
        setMeasured(previous => {
          const next = new Map(previous);
          for (const [id, size] of sizes) next.set(id, size);
          return next;
        });
      }
      if (selects.length > 0) {
        latest.current.onSelectionChange(previous =>
          applySelect(previous, 'nodes', selects),
        );
      }
    },
    [],
  );

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const selects = changes.flatMap(change =>
      change.type === 'select' ? [change] : [],
    );
    if (selects.length > 0) {
      latest.current.onSelectionChange(previous =>
        applySelect(previous, 'edges', selects),
      );
    }
  }, []);

  const isValidConnection = useCallback(
    (connection: Edge | Connection) =>
      !connectionRefusal(latest.current.graph, latest.current.types, {
        source: connection.source,
        target: connection.target,
      }),
    [],
  );

  const onConnect = useCallback(
    (connection: Connection) =>
      latest.current.onConnect({
        source: connection.source,
        target: connection.target,
      }),
    [],
  );

  /** Says why the connection between two handles was not made, if it was refused. */
  const explain = useCallback(
    (
      from: { nodeId: string; type: 'source' | 'target' },
      to: { nodeId: string; type: 'source' | 'target' },
    ) => {
      if (from.nodeId === to.nodeId && from.type === to.type) return;
      const edge = edgeBetween(from, to);
      const { graph: current, types: known, onRefused } = latest.current;
      if (edge === 'same-handles') {
        onRefused(
          { source: from.nodeId, target: to.nodeId },
          { reason: 'same-handles' },
        );
        return;
      }
      const refusal = connectionRefusal(current, known, edge);
      if (refusal) onRefused(edge, refusal);
    },
    [],
  );

  const onConnectEnd = useCallback(
    (_event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid || !state.fromHandle || !state.toHandle) return;
      explain(state.fromHandle, state.toHandle);
    },
    [explain],
  );

  const onClickConnectStart = useCallback<OnConnectStart>((_event, params) => {
    clickStart.current =
      params.nodeId && params.handleType
        ? { nodeId: params.nodeId, type: params.handleType }
        : undefined;
  }, []);

  const onClickConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent) => {
      const from = clickStart.current;
      clickStart.current = undefined;
      const handle = (event.target as Element | null)?.closest?.(
        '.react-flow__handle',
      );
      const nodeId = handle?.getAttribute('data-nodeid');
      if (!from || !handle || !nodeId) return;
      explain(from, {
        nodeId,
        type: handle.classList.contains('source') ? 'source' : 'target',
      });
    },
    [explain],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (
      !latest.current.readOnly &&
      event.dataTransfer.types.includes(RESOURCE_TYPE_DRAG_TYPE)
    ) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const typeId = event.dataTransfer.getData(RESOURCE_TYPE_DRAG_TYPE);
      if (!typeId || latest.current.readOnly) return;
      event.preventDefault();
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      latest.current.onDropType(typeId, {
        x: at.x - NODE_WIDTH / 2,
        y: at.y - 30,
      });
    },
    [screenToFlowPosition],
  );

  const onNodeDragStart = useCallback(() => {
    dragSession.current += 1;
  }, []);

  const ariaLabelConfig = useMemo<Partial<AriaLabelConfig>>(
    () => ({
      'node.a11yDescription.default': t('canvas.nodeDescription'),
      'node.a11yDescription.keyboardDisabled': t('canvas.nodeDescription'),
      'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }) =>
        t('canvas.nodeMoved', {
          direction: DIRECTIONS.includes(direction as Direction)
            ? t(`canvas.direction.${direction as Direction}`)
            : direction,
          x: String(Math.round(x)),
          y: String(Math.round(y)),
        }),
      'edge.a11yDescription.default': t('canvas.edgeDescription'),
      'controls.ariaLabel': t('canvas.controls'),
      'controls.zoomIn.ariaLabel': t('canvas.zoomIn'),
      'controls.zoomOut.ariaLabel': t('canvas.zoomOut'),
      'controls.fitView.ariaLabel': t('canvas.fitView'),
      'controls.interactive.ariaLabel': t('canvas.interactive'),
      'minimap.ariaLabel': t('canvas.miniMap'),
      'handle.ariaLabel': t('canvas.handle'),
    }),
    [t],
  );

  const miniMapColor = useCallback(
    (node: ResourceFlowNode) => categoryColor(node.data.category),
    [],
  );

  return (
    <ReactFlow<ResourceFlowNode>
      className={classes.canvas}
      aria-label={t('canvas.label')}
      nodes={nodes}
      edges={edges}
      nodeTypes={NODE_TYPES}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onConnect={onConnect}
      isValidConnection={isValidConnection}
      onConnectEnd={onConnectEnd}
      onClickConnectStart={onClickConnectStart}
      onClickConnectEnd={onClickConnectEnd}
      onNodeDragStart={onNodeDragStart}
      onDragOver={onDragOver}
      onDrop={onDrop}
      nodesDraggable={!readOnly}
      nodesConnectable={!readOnly}
      deleteKeyCode={null}
      minZoom={0.1}
      fitView={fitOnOpen}
      fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
      ariaLabelConfig={ariaLabelConfig}
      colorMode={theme.palette.type === 'dark' ? 'dark' : 'light'}
    >
      <Background />
      <Controls showInteractive={false} />
      <MiniMap pannable zoomable nodeColor={miniMapColor} />
      {graph.nodes.length === 0 && (
        <Panel position="top-center">
          <div className={classes.hint}>
            {readOnly ? t('canvas.emptyReadOnly') : t('canvas.empty')}
          </div>
        </Panel>
      )}
    </ReactFlow>
  );
}
