import { makeStyles, useTheme } from '@material-ui/core/styles';
import type { InstanceResourceStatus } from '@internal/backstage-plugin-iot-common';
import type { Node, NodeProps } from '@xyflow/react';
import { memo } from 'react';
import {
  ResourceNode,
  type ResourceNodeData,
} from '../SpecEditor/ResourceNode';
import { resourceStateColor } from './instanceState';

/** What a resource of an instance shows: the editor's node and its state. */
export type DeploymentNodeData = ResourceNodeData & {
  state: InstanceResourceStatus;
  stateLabel: string;
  /** Why its creation or deletion failed; kept after a rollback deleted it. */
  error: string | null;
  /** "Failed", shown beside the state of a resource that failed and is no longer `failed`. */
  failedLabel: string;
};

export type DeploymentFlowNode = Node<DeploymentNodeData, 'resource'>;

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
 * A resource of an instance on the read-only deployment graph: the
 * editor's node (type, name, key properties), framed and badged in the
 * colour of its state.
 */
export const DeploymentStateNode = memo(function DeploymentStateNodeCard(
  props: NodeProps<DeploymentFlowNode>,
) {
  const { state, stateLabel, error, failedLabel } = props.data;
  const classes = useStyles();
  const theme = useTheme();
  const color = resourceStateColor(theme, state);
  const failedColor = resourceStateColor(theme, 'failed');
  // the resource that made an install fail stays marked after the rollback deleted it
  const markFailed = error !== null && state !== 'failed';
  const badge = (label: string, background: string) => (
    <span
      className={classes.badge}
      style={{
        backgroundColor: background,
        color: theme.palette.getContrastText(background),
      }}
    >
      {label}
    </span>
  );
  const look = {
    pending: classes.waiting,
    creating: classes.working,
    deleting: classes.working,
    deleted: classes.gone,
    ready: undefined,
    failed: undefined,
  }[state];
  return (
    <div
      className={look ? `${classes.frame} ${look}` : classes.frame}
      style={{ boxShadow: `0 0 0 3px ${markFailed ? failedColor : color}` }}
      data-state={state}
      title={error ?? undefined}
    >
      <ResourceNode {...props} />
      <span className={classes.badges}>
        {markFailed && badge(failedLabel, failedColor)}
        {badge(stateLabel, color)}
      </span>
    </div>
  );
});
