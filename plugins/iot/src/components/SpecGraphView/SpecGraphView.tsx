import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Flex, Text } from '@backstage/ui';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import {
  INSTANCE_RESOURCE_STATUSES,
  type IotInstanceResource,
  type ResourceTypeItem,
  type SpecGraph,
} from '@internal/backstage-plugin-iot-common';
import {
  AriaLabelConfig,
  Background,
  Controls,
  Edge,
  EdgeMarker,
  MarkerType,
  NodeChange,
  ReactFlow,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useId, useMemo, useState } from 'react';
import {
  EditorGraph,
  EditorNode,
  LAYOUT,
  toEditorGraph,
} from '../../lib/editorGraph';
import { labelIn } from '../../lib/labels';
import { useLocale } from '../../lib/useLocale';
import { iotTranslationRef } from '../../translation';
import { NODE_WIDTH } from '../SpecEditor/ResourceNode';
import {
  NO_HIGHLIGHT,
  NO_SELECTION,
  nodeSummary,
  useFlowEdges,
} from '../SpecEditor/flowElements';
import {
  NodeState,
  resourceStateColor,
  StateFlowNode,
  StateNode,
} from './StateNode';

const NODE_TYPES = { resource: StateNode };
/** About the height of a node with a summary line, until measured. */
const NODE_HEIGHT = 64;
const NO_PROBLEM_EDGES: ReadonlySet<string> = new Set();
/** An arrow to what a node depends on, as the editor draws it. */
const ARROW: EdgeMarker = { type: MarkerType.ArrowClosed };

const useStyles = makeStyles(theme => ({
  canvas: {
    height: 420,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    overflow: 'hidden',
  },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    margin: 0,
    padding: 0,
    listStyle: 'none',
    fontSize: theme.typography.body2.fontSize,
  },
  swatch: {
    display: 'inline-block',
    width: 10,
    height: 10,
    marginRight: theme.spacing(0.75),
    borderRadius: 2,
  },
}));

export interface SpecGraphViewProps {
  /** The spec's graph: where its nodes stand and how they depend on each other. */
  graph: SpecGraph;
  types: ReadonlyMap<string, ResourceTypeItem>;
  /** What the canvas is called, e.g. "Deployment progress". */
  label: string;
  /**
   * An instance's resources and their states. When given, these are drawn
   * rather than the graph's nodes, each coloured by its state, with a
   * legend that counts them; resources the graph no longer has (it changed
   * since the install) stand in a row below it.
   */
  resources?: IotInstanceResource[];
}

/** A node to draw: where the graph has it (if it does), and its resource in an instance. */
type Drawn = {
  id: string;
  type: string;
  name?: string;
  node?: EditorNode;
  resource?: IotInstanceResource;
};

function drawnNodes(
  placed: EditorGraph,
  resources: IotInstanceResource[] | undefined,
): Drawn[] {
  if (!resources) {
    return placed.nodes.map(node => {
      const name = node.properties.name;
      return {
        id: node.id,
        type: node.type,
        name: typeof name === 'string' && name ? name : undefined,
        node,
      };
    });
  }
  const spot = new Map(placed.nodes.map(node => [node.id, node]));
  return resources.map(resource => ({
    id: resource.nodeId,
    type: resource.type,
    name: resource.name || undefined,
    node: spot.get(resource.nodeId),
    resource,
  }));
}

/**
 * A spec's graph drawn as the dependency editor draws it, read-only: the
 * editor's nodes where the graph places them, and its edges. Given an
 * instance's resources, each is coloured by its state (the deployment
 * test's live progress).
 */
export function SpecGraphView(props: SpecGraphViewProps) {
  const { graph, types, label, resources } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const language = useLocale();
  const classes = useStyles();
  const theme = useTheme();
  // several graphs may share a page (a review's specs); @xyflow ids its markers and descriptions by it
  const flowId = `iot-graph-${useId().replace(/[^\w-]/g, '')}`;

  // Sizes @xyflow measured: it shows a node of a controlled flow once its size is in the node.
  const [measured, setMeasured] = useState<
    ReadonlyMap<string, { width: number; height: number }>
  >(new Map());
  const onNodesChange = useCallback((changes: NodeChange<StateFlowNode>[]) => {
    const sizes = changes.flatMap(change =>
      change.type === 'dimensions' && change.dimensions
        ? [[change.id, change.dimensions] as const]
        : [],
    );
    if (sizes.length > 0) {
      setMeasured(previous => new Map([...previous, ...sizes]));
    }
  }, []);

  const placed = useMemo(() => toEditorGraph(graph), [graph]);
  const drawn = useMemo(
    () => drawnNodes(placed, resources),
    [placed, resources],
  );
  const nodes = useMemo<StateFlowNode[]>(() => {
    const bottom = Math.max(0, ...placed.nodes.map(node => node.position.y));
    let unplaced = 0;
    return drawn.map(({ id, type: typeId, name, node, resource }) => {
      const type = types.get(typeId);
      const typeLabel = type ? labelIn(type, language) : typeId;
      const title = `${typeLabel} ${name ?? id}`;
      const state: NodeState | undefined = resource && {
        status: resource.status,
        label: t(`resourceStatus.${resource.status}`),
        error: resource.error,
        failedLabel: t('resourceStatus.failed'),
      };
      return {
        id,
        type: 'resource',
        measured: measured.get(id),
        // shown and fitted at once, before @xyflow has measured it
        initialWidth: NODE_WIDTH,
        initialHeight: NODE_HEIGHT,
        position: node?.position ?? {
          x: unplaced++ * LAYOUT.columnWidth,
          y: bottom + 1.5 * LAYOUT.rowHeight,
        },
        data: {
          icon: type?.icon ?? '',
          category: type?.category ?? '',
          typeLabel,
          name,
          summary: node ? nodeSummary(node, type) : '',
          problems: 0,
          critical: false,
          state,
        },
        ariaLabel: state
          ? t(
              state.error && state.status !== 'failed'
                ? 'deploymentTest.nodeLabelFailed'
                : 'deploymentTest.nodeLabel',
              { resource: title, state: state.label },
            )
          : title,
      };
    });
  }, [placed, drawn, types, language, t, measured]);

  const shownEdges = useMemo(() => {
    const shown = new Set(drawn.map(node => node.id));
    return placed.edges.filter(
      edge => shown.has(edge.source) && shown.has(edge.target),
    );
  }, [placed, drawn]);
  const flowEdges = useFlowEdges({
    edges: shownEdges,
    selection: NO_SELECTION,
    problemEdges: NO_PROBLEM_EDGES,
    critical: NO_HIGHLIGHT,
  });
  const edges = useMemo<Edge[]>(() => {
    const names = new Map(drawn.map(node => [node.id, node.name ?? node.id]));
    return flowEdges.map(edge => ({
      ...edge,
      markerEnd: ARROW,
      ariaLabel: t('canvas.edgeLabel', {
        source: names.get(edge.source) ?? edge.source,
        target: names.get(edge.target) ?? edge.target,
      }),
    }));
  }, [flowEdges, drawn, t]);
  const ariaLabelConfig = useMemo<Partial<AriaLabelConfig>>(
    () => ({
      'controls.ariaLabel': t('canvas.controls'),
      'controls.zoomIn.ariaLabel': t('canvas.zoomIn'),
      'controls.zoomOut.ariaLabel': t('canvas.zoomOut'),
      'controls.fitView.ariaLabel': t('canvas.fitView'),
    }),
    [t],
  );

  const counts = resources
    ? INSTANCE_RESOURCE_STATUSES.map(state => ({
        state,
        count: resources.filter(resource => resource.status === state).length,
      })).filter(({ count }) => count > 0)
    : [];

  return (
    <Flex direction="column" gap="2">
      <div className={classes.canvas}>
        <ReactFlow<StateFlowNode>
          id={flowId}
          aria-label={label}
          nodes={nodes}
          edges={edges}
          nodeTypes={NODE_TYPES}
          onNodesChange={onNodesChange}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          edgesFocusable={false}
          // nodes are focusable to be read out, not moved: no move instructions
          disableKeyboardA11y
          ariaLabelConfig={ariaLabelConfig}
          deleteKeyCode={null}
          // the page scrolls past the graph; Ctrl+wheel, a pinch or the controls zoom it
          zoomOnScroll={false}
          preventScrolling={false}
          minZoom={0.1}
          fitView
          fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
          colorMode={theme.palette.type === 'dark' ? 'dark' : 'light'}
        >
          <Background />
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
      {resources && (
        <ul
          className={classes.legend}
          aria-label={t('deploymentTest.legendLabel')}
        >
          {counts.map(({ state, count }) => (
            <li key={state}>
              <span
                className={classes.swatch}
                style={{ backgroundColor: resourceStateColor(theme, state) }}
              />
              <Text as="span">
                {t(`resourceStatus.${state}`)} {count}
              </Text>
            </li>
          ))}
        </ul>
      )}
    </Flex>
  );
}
