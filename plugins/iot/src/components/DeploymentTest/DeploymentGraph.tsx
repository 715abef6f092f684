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
  NodeChange,
  ReactFlow,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useMemo, useState } from 'react';
import { EditorEdge, LAYOUT, toEditorGraph } from '../../lib/editorGraph';
import { useLocale } from '../../lib/useLocale';
import { iotTranslationRef } from '../../translation';
import { NODE_WIDTH } from '../SpecEditor/ResourceNode';
import {
  NO_HIGHLIGHT,
  NO_SELECTION,
  nodeSummary,
  useFlowEdges,
} from '../SpecEditor/flowElements';
import { DeploymentFlowNode, DeploymentStateNode } from './DeploymentStateNode';
import {
  resourceStateColor,
  resourceTitle,
  resourceTypeLabel,
} from './instanceState';

const NODE_TYPES = { resource: DeploymentStateNode };
/** About the height of a node with a summary line, until measured. */
const NODE_HEIGHT = 64;
const NO_PROBLEM_EDGES: ReadonlySet<string> = new Set();

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

export interface DeploymentGraphProps {
  /** The spec's saved graph: where its nodes stand and how they depend on each other. */
  graph: SpecGraph;
  types: ReadonlyMap<string, ResourceTypeItem>;
  /** The instance's resources and their states. */
  resources: IotInstanceResource[];
}

/**
 * The resources of an instance drawn as the dependency editor draws the
 * spec's graph, read-only, each coloured by its state, with a legend that
 * counts them. Resources the saved graph no longer has (it changed since
 * the install) stand in a row below it.
 */
export function DeploymentGraph(props: DeploymentGraphProps) {
  const { graph, types, resources } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const language = useLocale();
  const classes = useStyles();
  const theme = useTheme();

  // Sizes @xyflow measured: it shows a node of a controlled flow once its size is in the node.
  const [measured, setMeasured] = useState<
    ReadonlyMap<string, { width: number; height: number }>
  >(new Map());
  const onNodesChange = useCallback(
    (changes: NodeChange<DeploymentFlowNode>[]) => {
      const sizes = changes.flatMap(change =>
        change.type === 'dimensions' && change.dimensions
          ? [[change.id, change.dimensions] as const]
          : [],
      );
      if (sizes.length > 0) {
        setMeasured(previous => new Map([...previous, ...sizes]));
      }
    },
    [],
  );

  const placed = useMemo(() => toEditorGraph(graph), [graph]);
  const nodes = useMemo<DeploymentFlowNode[]>(() => {
    const spot = new Map(placed.nodes.map(node => [node.id, node]));
    const bottom = Math.max(0, ...placed.nodes.map(node => node.position.y));
    let unplaced = 0;
    return resources.map(resource => {
      const node = spot.get(resource.nodeId);
      const type = types.get(resource.type);
      const typeLabel = resourceTypeLabel(resource, types, language);
      const stateLabel = t(`resourceStatus.${resource.status}`);
      return {
        id: resource.nodeId,
        type: 'resource',
        measured: measured.get(resource.nodeId),
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
          name: resource.name || undefined,
          summary: node ? nodeSummary(node, type) : '',
          problems: 0,
          critical: false,
          state: resource.status,
          stateLabel,
          error: resource.error,
          failedLabel: t('resourceStatus.failed'),
        },
        ariaLabel: t(
          resource.error && resource.status !== 'failed'
            ? 'deploymentTest.nodeLabelFailed'
            : 'deploymentTest.nodeLabel',
          {
            resource: resourceTitle(resource, types, language),
            state: stateLabel,
          },
        ),
      };
    });
  }, [placed, resources, types, language, t, measured]);

  const shownEdges = useMemo<EditorEdge[]>(() => {
    const shown = new Set(resources.map(resource => resource.nodeId));
    return placed.edges.filter(
      edge => shown.has(edge.source) && shown.has(edge.target),
    );
  }, [placed, resources]);
  const flowEdges = useFlowEdges({
    edges: shownEdges,
    selection: NO_SELECTION,
    problemEdges: NO_PROBLEM_EDGES,
    critical: NO_HIGHLIGHT,
  });
  const edges = useMemo<Edge[]>(() => {
    const names = new Map(
      resources.map(resource => [
        resource.nodeId,
        resource.name || resource.nodeId,
      ]),
    );
    return flowEdges.map(edge => ({
      ...edge,
      ariaLabel: t('deploymentTest.edgeLabel', {
        source: names.get(edge.source) ?? edge.source,
        target: names.get(edge.target) ?? edge.target,
      }),
    }));
  }, [flowEdges, resources, t]);
  const ariaLabelConfig = useMemo<Partial<AriaLabelConfig>>(
    () => ({
      'controls.ariaLabel': t('canvas.controls'),
      'controls.zoomIn.ariaLabel': t('canvas.zoomIn'),
      'controls.zoomOut.ariaLabel': t('canvas.zoomOut'),
      'controls.fitView.ariaLabel': t('canvas.fitView'),
    }),
    [t],
  );

  const counts = INSTANCE_RESOURCE_STATUSES.map(state => ({
    state,
    count: resources.filter(resource => resource.status === state).length,
  })).filter(({ count }) => count > 0);

  return (
    <Flex direction="column" gap="2">
      <div className={classes.canvas}>
        <ReactFlow<DeploymentFlowNode>
          id="iot-deployment-graph"
          aria-label={t('deploymentTest.graphLabel')}
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
          minZoom={0.1}
          fitView
          fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
          colorMode={theme.palette.type === 'dark' ? 'dark' : 'light'}
        >
          <Background />
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
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
    </Flex>
  );
}
