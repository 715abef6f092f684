import { makeStyles, useTheme, type Theme } from '@material-ui/core/styles';
import type { InstanceResourceStatus } from '@internal/backstage-plugin-iot-common';
import type { Node, NodeProps } from '@xyflow/react';
import { memo } from 'react';
import {
  ResourceNode,
  type ResourceNodeData,
} from '../SpecEditor/ResourceNode';

/** The state of a node's resource in an instance, as the graph shows it. */
export type NodeState = {
  status: InstanceResourceStatus;
  label: string;
  /** Why its creation or deletion failed; kept after a rollback deleted it. */
  error: string | null;
  /** "Failed", shown beside the state of a resource that failed and is no longer `failed`. */
  failedLabel: string;
};

/** What a node of the read-only graph shows: the editor's node, and its state when there is one. */
export type StateNodeData = ResourceNodeData & { state?: NodeState };

export type StateFlowNode = Node<StateNodeData, 'resource'>;

/** Colour of a resource's state on the graph and in its legend. */
export function resourceStateColor(
  theme: Theme,
  state: InstanceResourceStatus,
): string {
  switch (state) {
    case 'creating':
      return theme.palette.info.main;
    case 'ready':
      return theme.palette.success.main;
    case 'failed':
      return theme.palette.error.main;
    case 'deleting':
      return theme.palette.warning.main;
    case 'deleted':
      return theme.palette.grey[700];
    default:
      return theme.palette.grey[400];
  }
}

const useStyles = makeStyles(theme => ({
  frame: {
    position: 'relative',
    borderRadius: theme.shape.borderRadius,
    transition: 'box-shadow 300ms, opacity 300ms',
  },
  waiting: {
    opacity: 0.6,
  },
  gone: {
    opacity: 0.45,
  },
  working: {
    animation: '$pulse 1.2s ease-in-out infinite',
  },
  '@keyframes pulse': {
    '0%': { opacity: 1 },
    '50%': { opacity: 0.7 },
    '100%': { opacity: 1 },
  },
  badges: {
    position: 'absolute',
    top: -9,
    right: theme.spacing(1),
    display: 'flex',
    gap: theme.spacing(0.5),
  },
  badge: {
    padding: '0 6px',
    borderRadius: 8,
    fontSize: 10,
    fontWeight: 'bold',
    lineHeight: '16px',
    textTransform: 'uppercase',
    letterSpacing: 0.5,
  },
}));

/**
 * A resource on the read-only graph: the editor's node (type, name, key
 * properties), framed and badged in the colour of its state when it has one.
 */
export const StateNode = memo(function StateNodeCard(
  props: NodeProps<StateFlowNode>,
) {
  const { state } = props.data;
  const classes = useStyles();
  const theme = useTheme();
  if (!state) {
    return <ResourceNode {...props} />;
  }
  const { status, label, error, failedLabel } = state;
  const color = resourceStateColor(theme, status);
  const failedColor = resourceStateColor(theme, 'failed');
  // the resource that made an install fail stays marked after the rollback deleted it
  const markFailed = error !== null && status !== 'failed';
  const badge = (text: string, background: string) => (
    <span
      className={classes.badge}
      style={{
        backgroundColor: background,
        color: theme.palette.getContrastText(background),
      }}
    >
      {text}
    </span>
  );
  const look = {
    pending: classes.waiting,
    creating: classes.working,
    deleting: classes.working,
    deleted: classes.gone,
    ready: undefined,
    failed: undefined,
  }[status];
  return (
    <div
      className={look ? `${classes.frame} ${look}` : classes.frame}
      style={{ boxShadow: `0 0 0 3px ${markFailed ? failedColor : color}` }}
      data-state={status}
      title={error ?? undefined}
    >
      <ResourceNode {...props} />
      <span className={classes.badges}>
        {markFailed && badge(failedLabel, failedColor)}
        {badge(label, color)}
      </span>
    </div>
  );
});
