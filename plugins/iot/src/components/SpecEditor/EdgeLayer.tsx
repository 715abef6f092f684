import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { makeStyles } from '@material-ui/core/styles';
import {
  Edge,
  getBezierPath,
  InternalNode,
  Position,
  ReactFlowState,
  useStore,
  useStoreApi,
  ViewportPortal,
} from '@xyflow/react';
import { KeyboardEvent, memo, useCallback, useMemo } from 'react';
import { iotTranslationRef } from '../../translation';

/** How an edge was chosen: alone, added to or taken from the selection, or let go (Escape). */
export type EdgeSelect = 'only' | 'toggle' | 'unselect';

const MARKERS = ['default', 'selected', 'problem', 'critical'] as const;
type Marker = (typeof MARKERS)[number];

const useStyles = makeStyles(theme => ({
  layer: {
    position: 'absolute',
    top: 0,
    left: 0,
    width: 1,
    height: 1,
    overflow: 'visible',
    pointerEvents: 'none',
    // below the nodes: the layer sits in the viewport's portal, after them
    zIndex: -1,
  },
  edge: {
    pointerEvents: 'visibleStroke',
    cursor: 'pointer',
  },
  default: {
    fill: 'var(--xy-edge-stroke, var(--xy-edge-stroke-default))',
    stroke: 'var(--xy-edge-stroke, var(--xy-edge-stroke-default))',
  },
  selected: {
    fill: 'var(--xy-edge-stroke-selected, var(--xy-edge-stroke-selected-default))',
    stroke:
      'var(--xy-edge-stroke-selected, var(--xy-edge-stroke-selected-default))',
  },
  problem: {
    fill: theme.palette.error.main,
    stroke: theme.palette.error.main,
  },
  critical: {
    fill: theme.palette.warning.main,
    stroke: theme.palette.warning.main,
  },
}));

const markerId = (rfId: string, marker: Marker) =>
  `iot-edge-arrow-${rfId}-${marker}`;

function markerOf(edge: Edge): Marker {
  if (edge.className?.includes('iot-edge-problem')) return 'problem';
  if (edge.animated) return 'critical';
  return edge.selected ? 'selected' : 'default';
}

/** Where an edge leaves or enters a node: the middle of the handle's outer side, as @xyflow draws it. */
function handlePoint(node: InternalNode, type: 'source' | 'target') {
  const handle = node.internals.handleBounds?.[type]?.[0];
  if (!handle) return undefined;
  const x = node.internals.positionAbsolute.x + handle.x;
  const y = node.internals.positionAbsolute.y + handle.y + handle.height / 2;
  return handle.position === Position.Right
    ? { x: x + handle.width, y, position: handle.position }
    : { x, y, position: handle.position };
}

/** The path of an edge between two nodes' handles. */
function edgePath(
  from: InternalNode | undefined,
  to: InternalNode | undefined,
) {
  const start = from && handlePoint(from, 'source');
  const end = to && handlePoint(to, 'target');
  if (!start || !end) return undefined;
  return getBezierPath({
    sourceX: start.x,
    sourceY: start.y,
    sourcePosition: start.position,
    targetX: end.x,
    targetY: end.y,
    targetPosition: end.position,
  })[0];
}

type EdgePathProps = {
  edge: Edge;
  rfId: string;
  label: string;
  className: string;
  onSelect: (id: string, how: EdgeSelect) => void;
};

const EdgePath = memo(function EdgePathView(props: EdgePathProps) {
  const { edge, rfId, label, className, onSelect } = props;
  const { id, source, target } = edge;
  const store = useStoreApi();
  // Every store update (each frame of a drag) asks every edge for its path:
  // computed again only when one of its nodes changed, and a string, so the
  // edge renders again only when it moved.
  const pathOf = useMemo(() => {
    let from: InternalNode | undefined;
    let to: InternalNode | undefined;
    let path: string | undefined;
    return (state: ReactFlowState) => {
      const nextFrom = state.nodeLookup.get(source);
      const nextTo = state.nodeLookup.get(target);
      if (nextFrom !== from || nextTo !== to || path === undefined) {
        from = nextFrom;
        to = nextTo;
        path = edgePath(from, to);
      }
      return path;
    };
  }, [source, target]);
  const path = useStore(pathOf);
  const choose = useCallback(() => {
    const additive = store.getState().multiSelectionActive;
    onSelect(id, additive ? 'toggle' : 'only');
  }, [store, id, onSelect]);
  const onKeyDown = useCallback(
    (event: KeyboardEvent<SVGGElement>) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        choose();
      } else if (event.key === 'Escape') {
        onSelect(id, 'unselect');
        event.currentTarget.blur();
      }
    },
    [choose, onSelect, id],
  );
  if (!path) return null;
  return (
    <g
      className={[
        className,
        'react-flow__edge',
        'selectable',
        'nopan',
        edge.selected && 'selected',
        edge.animated && 'animated',
        edge.className,
      ]
        .filter(Boolean)
        .join(' ')}
      data-id={id}
      role="group"
      aria-roledescription="edge"
      aria-label={label}
      aria-describedby={`react-flow__edge-desc-${rfId}`}
      tabIndex={0}
      onClick={choose}
      onKeyDown={onKeyDown}
    >
      <path
        d={path}
        className="react-flow__edge-path"
        markerEnd={`url(#${markerId(rfId, markerOf(edge))})`}
      />
      <path
        d={path}
        className="react-flow__edge-interaction"
        fill="none"
        strokeOpacity={0}
        strokeWidth={20}
      />
    </g>
  );
});

/**
 * The edges of the canvas in one SVG. @xyflow draws every edge as an SVG
 * of its own; with a few hundred edges Chromium then spends most of a drag
 * frame on those layers (8 ms of 30 per move with 300 edges, software
 * compositing). Edges here look and behave as @xyflow's do: an arrow to
 * what the source depends on, selectable by click (Ctrl/⌘ adds) and by
 * keyboard (Tab, Enter or Space, Escape), with @xyflow's classes.
 */
export const EdgeLayer = memo(function EdgeLayerView(props: {
  edges: readonly Edge[];
  /** What nodes are called, by id, for the edges' accessible names. */
  names: ReadonlyMap<string, string>;
  onSelect: (id: string, how: EdgeSelect) => void;
}) {
  const { edges, names, onSelect } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const classes = useStyles();
  const rfId = useStore(state => state.rfId);
  return (
    <ViewportPortal>
      <svg className={classes.layer}>
        <defs>
          {MARKERS.map(marker => (
            <marker
              key={marker}
              id={markerId(rfId, marker)}
              markerWidth="12.5"
              markerHeight="12.5"
              viewBox="-10 -10 20 20"
              markerUnits="strokeWidth"
              orient="auto-start-reverse"
              refX="0"
              refY="0"
            >
              <polyline
                className={classes[marker]}
                strokeLinecap="round"
                strokeLinejoin="round"
                points="-5,-4 0,0 -5,4 -5,-4"
              />
            </marker>
          ))}
        </defs>
        {edges.map(edge => (
          <EdgePath
            key={edge.id}
            edge={edge}
            rfId={rfId}
            label={t('canvas.edgeLabel', {
              source: names.get(edge.source) ?? edge.source,
              target: names.get(edge.target) ?? edge.target,
            })}
            className={classes.edge}
            onSelect={onSelect}
          />
        ))}
      </svg>
    </ViewportPortal>
  );
});
