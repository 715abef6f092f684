import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import {
  ConnectionRefusal,
  connectionRefusal,
  type ResourceTypeItem,
} from '@internal/backstage-plugin-iot-common';
import {
  AriaLabelConfig,
  Background,
  Connection,
  Controls,
  Edge,
  FinalConnectionState,
  MiniMap,
  NodeChange,
  OnConnectStart,
  Panel,
  ReactFlow,
  useReactFlow,
  useStoreApi,
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
import { EditorEdge, EditorGraph, nodeName, XY } from '../../lib/editorGraph';
import { useLocale } from '../../lib/useLocale';
import { iotTranslationRef } from '../../translation';
import { RESOURCE_TYPE_DRAG_TYPE } from '../ResourcePalette';
import { categoryColor } from '../ResourceTypeIcon';
import { EdgeLayer, EdgeSelect } from './EdgeLayer';
import {
  EditorSelection,
  Highlight,
  useFlowEdges,
  useFlowNodes,
} from './flowElements';
import {
  CompactNodesContext,
  NODE_WIDTH,
  ResourceFlowNode,
  ResourceNode,
  useZoomedOut,
} from './ResourceNode';

const NODE_TYPES = { resource: ResourceNode };
const FIT_VIEW_OPTIONS = { padding: 0.15, maxZoom: 1 };

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
  /** Nodes dropped or nudged; moves with the same `coalesce` key are one undo step. */
  onMove: (positions: Map<string, XY>, coalesce?: string) => void;
  onConnect: (edge: EditorEdge) => void;
  /** A connection was refused; say why. */
  onRefused: (edge: EditorEdge, refusal: CanvasRefusal) => void;
  onDropType: (typeId: string, position: XY) => void;
}

/**
 * The canvas (SPEC-7 area 2): nodes dragged and connected, palette items
 * dropped; connections the registry forbids are refused while drawing.
 * Kept cheap for big graphs: the nodes it hands to @xyflow keep their
 * identity unless they change, a drag moves nodes here only (the graph, and
 * with it the editor around, learns the positions on drop: one undo step),
 * and the edges are drawn in one SVG (`EdgeLayer`).
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
  const store = useStoreApi();
  const zoomedOut = useZoomedOut();
  const [measured, setMeasured] = useState<Sizes>(new Map());
  // Fit a graph that is there on opening; @xyflow would otherwise fit an
  // empty one around its first node, moving the canvas under the user.
  const [fitOnOpen] = useState(graph.nodes.length > 0);
  // Handlers read the latest props through a ref and stay the same
  // functions, so @xyflow does not see new props on every render.
  const latest = useRef(props);
  latest.current = props;
  const clickStart = useRef<{ nodeId: string; type: 'source' | 'target' }>();
  // Where the nodes being dragged are; the graph (and with it the editor
  // around the canvas and the undo history) learns the positions on drop.
  const [dragged, setDragged] = useState<ReadonlyMap<string, XY>>();
  const draggedRef = useRef(dragged);
  draggedRef.current = dragged;

  const graphNodes = useFlowNodes({
    graph,
    types,
    language,
    selection,
    problemCounts,
    critical: highlight,
    measured,
  });
  const nodes = useMemo(
    () =>
      dragged
        ? graphNodes.map(node => {
            const position = dragged.get(node.id);
            return position ? { ...node, position } : node;
          })
        : graphNodes,
    [graphNodes, dragged],
  );
  const names = useMemo(
    () => new Map(graph.nodes.map(node => [node.id, nodeName(node, node.id)])),
    [graph.nodes],
  );
  const edges = useFlowEdges({
    edges: graph.edges,
    selection,
    problemEdges,
    critical: highlight,
  });

  const onNodesChange = useCallback(
    (changes: NodeChange<ResourceFlowNode>[]) => {
      const moving = new Map<string, XY>();
      const dropped = new Map<string, XY>();
      const sizes: [string, { width: number; height: number }][] = [];
      const selects: { id: string; selected: boolean }[] = [];
      for (const change of changes) {
        if (change.type === 'position' && change.position) {
          (change.dragging ? moving : dropped).set(change.id, change.position);
        } else if (change.type === 'dimensions' && change.dimensions) {
          sizes.push([change.id, change.dimensions]);
        } else if (change.type === 'select') {
          selects.push(change);
        }
      }
      if (moving.size > 0) {
        setDragged(previous => new Map([...(previous ?? []), ...moving]));
      }
      if (dropped.size > 0) {
        // the end of a drag is an undo step of its own; arrow-key nudges in a row are one
        latest.current.onMove(
          dropped,
          draggedRef.current ? undefined : 'nudge',
        );
        setDragged(undefined);
      }
      if (sizes.length > 0) {
        setMeasured(previous => {
          const next = new Map(previous);
          for (const [id, size] of sizes) next.set(id, size);
          return next;
        });
      }
      if (selects.length > 0) {
        // choosing a node lets go of the edges, unless Ctrl/⌘ adds to the selection
        const keepEdges =
          store.getState().multiSelectionActive ||
          !selects.some(change => change.selected);
        latest.current.onSelectionChange(previous => {
          const next = applySelect(previous, 'nodes', selects);
          return keepEdges || next.edges.size === 0
            ? next
            : { ...next, edges: new Set() };
        });
      }
    },
    [store],
  );

  const selectEdge = useCallback((id: string, how: EdgeSelect) => {
    latest.current.onSelectionChange(previous => {
      if (how === 'only') return { nodes: new Set(), edges: new Set([id]) };
      const selected = how === 'toggle' && !previous.edges.has(id);
      return applySelect(previous, 'edges', [{ id, selected }]);
    });
  }, []);

  const onPaneClick = useCallback(
    () =>
      latest.current.onSelectionChange(previous =>
        previous.edges.size === 0
          ? previous
          : { ...previous, edges: new Set() },
      ),
    [],
  );

  const isValidConnection = useCallback(
    (connection: Edge | Connection) =>
      !connectionRefusal(latest.current.graph, {
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
      const { graph: current, onRefused } = latest.current;
      if (edge === 'same-handles') {
        onRefused(
          { source: from.nodeId, target: to.nodeId },
          { reason: 'same-handles' },
        );
        return;
      }
      const refusal = connectionRefusal(current, edge);
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
    <CompactNodesContext.Provider value={zoomedOut}>
      <ReactFlow<ResourceFlowNode>
        className={classes.canvas}
        aria-label={t('canvas.label')}
        nodes={nodes}
        nodeTypes={NODE_TYPES}
        onNodesChange={onNodesChange}
        onPaneClick={onPaneClick}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onConnectEnd={onConnectEnd}
        onClickConnectStart={onClickConnectStart}
        onClickConnectEnd={onClickConnectEnd}
        onDragOver={onDragOver}
        onDrop={onDrop}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        deleteKeyCode={null}
        minZoom={0.1}
        fitView={fitOnOpen}
        fitViewOptions={FIT_VIEW_OPTIONS}
        ariaLabelConfig={ariaLabelConfig}
        colorMode={theme.palette.type === 'dark' ? 'dark' : 'light'}
      >
        <EdgeLayer edges={edges} names={names} onSelect={selectEdge} />
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
    </CompactNodesContext.Provider>
  );
}
