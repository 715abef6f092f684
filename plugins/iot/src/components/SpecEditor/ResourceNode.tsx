import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  darken,
  lighten,
  makeStyles,
  useTheme,
} from '@material-ui/core/styles';
import {
  Handle,
  Node,
  NodeProps,
  Position,
  ReactFlowState,
  useStore,
} from '@xyflow/react';
import { createContext, memo, useContext } from 'react';
import { iotTranslationRef } from '../../translation';
import { categoryColor, ResourceTypeIcon } from '../ResourceTypeIcon';

/** Width of a node on the canvas, also used to centre dropped nodes. */
export const NODE_WIDTH = 220;

/**
 * Below this zoom a node's texts are too small to read (a 14 px name is
 * under 6 px), so nodes are drawn as coloured cards: Chromium then has far
 * less to paint and layerize on every frame of a drag with hundreds of nodes.
 */
export const DETAIL_ZOOM = 0.4;

const zoomedOut = (state: ReactFlowState) => state.transform[2] < DETAIL_ZOOM;

/** Whether the canvas is zoomed out below `DETAIL_ZOOM`; inside a ReactFlowProvider. */
export function useZoomedOut(): boolean {
  return useStore(zoomedOut);
}

/**
 * Whether nodes are drawn as cards without texts. One value for all nodes
 * from the canvas (`useZoomedOut`), rather than a subscription to the zoom
 * in each of hundreds of nodes; without a provider nodes show everything.
 */
export const CompactNodesContext = createContext(false);

/** What a node shows; a new object only when one of these changes, so the other nodes skip rendering. */
export type ResourceNodeData = {
  icon: string;
  category: string;
  typeLabel: string;
  /** The `name` property; undefined while unset. */
  name?: string;
  /** Flavour, quantity and key properties, short. */
  summary: string;
  problems: number;
  /** On the plan's critical path, while the plan is shown. */
  critical: boolean;
};

export type ResourceFlowNode = Node<ResourceNodeData, 'resource'>;

const useStyles = makeStyles(theme => ({
  node: {
    width: NODE_WIDTH,
    boxSizing: 'border-box',
    padding: theme.spacing(0.75, 1.25),
    borderRadius: theme.shape.borderRadius,
    border: `1px solid ${theme.palette.divider}`,
    borderLeftWidth: 4,
    backgroundColor: theme.palette.background.paper,
    color: theme.palette.text.primary,
    boxShadow: theme.shadows[1],
    fontSize: 12,
  },
  /** About the height of a node with a summary, so edges stay put when zooming across DETAIL_ZOOM; no shadow, unseen at that zoom but costly to draw again and again. */
  compact: {
    height: 60,
    boxShadow: 'none',
  },
  selected: {
    outline: `2px solid ${theme.palette.primary.main}`,
    outlineOffset: 1,
  },
  invalid: {
    borderColor: theme.palette.error.main,
  },
  critical: {
    boxShadow: `0 0 0 3px ${theme.palette.warning.light}`,
  },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    color: theme.palette.text.secondary,
  },
  type: {
    flex: 1,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  badge: {
    minWidth: 18,
    padding: '0 5px',
    borderRadius: 9,
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
    fontWeight: 'bold',
    textAlign: 'center',
  },
  name: {
    fontSize: 14,
    fontWeight: 'bold',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  unnamed: {
    fontStyle: 'italic',
    fontWeight: 'normal',
    color: theme.palette.text.secondary,
  },
  summary: {
    color: theme.palette.text.secondary,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  handle: {
    width: 10,
    height: 10,
  },
  compactInvalid: {
    borderWidth: 4,
  },
  compactSelected: {
    outlineWidth: 6,
  },
}));

/** What the card shows depends on these only: a node being dragged (new positions every frame) is not drawn again. */
function sameCard(
  a: NodeProps<ResourceFlowNode>,
  b: NodeProps<ResourceFlowNode>,
) {
  return (
    a.data === b.data &&
    a.selected === b.selected &&
    a.isConnectable === b.isConnectable
  );
}

/**
 * A resource on the canvas: type, name, key properties and a problem badge.
 * Edges leave from the left handle ("depends on") to the right handle of
 * what the resource depends on, so dependencies sit to the left.
 */
export const ResourceNode = memo(function ResourceNodeCard(
  props: NodeProps<ResourceFlowNode>,
) {
  const { data, selected, isConnectable } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const classes = useStyles();
  const compact = useContext(CompactNodesContext);
  const theme = useTheme();
  const color = categoryColor(data.category);
  const invalid = data.problems > 0;
  const badge = invalid && (
    <span
      className={classes.badge}
      role="status"
      aria-label={t('resourceNode.problems', { count: data.problems })}
      title={t('resourceNode.problems', { count: data.problems })}
    >
      {data.problems}
    </span>
  );
  return (
    <div
      className={[
        classes.node,
        compact && classes.compact,
        selected && classes.selected,
        invalid && classes.invalid,
        compact && invalid && classes.compactInvalid,
        compact && selected && classes.compactSelected,
        data.critical && classes.critical,
      ]
        .filter(Boolean)
        .join(' ')}
      style={{
        borderLeftColor: invalid && compact ? undefined : color,
        // the category's colour, opaque so that edges stay behind the card
        backgroundColor: compact
          ? (theme.palette.type === 'dark' ? darken : lighten)(color, 0.75)
          : undefined,
      }}
    >
      <Handle
        type="source"
        position={Position.Left}
        className={classes.handle}
        isConnectable={isConnectable}
        title={t('resourceNode.dependsOnHandle')}
        aria-label={t('resourceNode.dependsOnHandle')}
      />
      {compact ? (
        badge
      ) : (
        <>
          <div className={classes.header}>
            <ResourceTypeIcon icon={data.icon} category={data.category} />
            <span className={classes.type}>{data.typeLabel}</span>
            {badge}
          </div>
          <div
            className={
              data.name ? classes.name : `${classes.name} ${classes.unnamed}`
            }
          >
            {data.name ?? t('resourceNode.unnamed')}
          </div>
          {data.summary && (
            <div className={classes.summary}>{data.summary}</div>
          )}
        </>
      )}
      <Handle
        type="target"
        position={Position.Right}
        className={classes.handle}
        isConnectable={isConnectable}
        title={t('resourceNode.neededByHandle')}
        aria-label={t('resourceNode.neededByHandle')}
      />
    </div>
  );
},
sameCard);
