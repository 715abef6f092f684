import { Progress } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Alert, Button, Flex, Text } from '@backstage/ui';
import LinearProgress from '@material-ui/core/LinearProgress';
import DeleteIcon from '@material-ui/icons/Delete';
import type {
  IotInstanceItem,
  ResourceTypeItem,
  SpecGraph,
} from '@internal/backstage-plugin-iot-common';
import { useId, useMemo } from 'react';
import { errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useLocale } from '../../lib/useLocale';
import { iotTranslationRef } from '../../translation';
import { CardSection } from '../CardSection';
import { StatusChip } from '../StatusChip';
import { InstanceLog } from './InstanceLog';
import { InstanceOutputs } from './InstanceOutputs';
import { LoadFailedAlert } from '../LoadFailedAlert';
import { SpecGraphView } from '../SpecGraphView';
import {
  instanceProgress,
  instanceStatusChip,
  nothingLeft,
  resourceTitle,
} from './instanceState';
import type { InstanceProgressState } from './useInstanceProgress';

/** Whether Delete instance has anything to do: something may exist, or may still be made. */
export function mayHaveResources(instance: IotInstanceItem): boolean {
  switch (instance.status) {
    case 'pending':
    case 'installing':
    case 'running':
      return true;
    case 'failed':
      return !nothingLeft(instance);
    default:
      return false;
  }
}

function ProgressBar(props: { instance: IotInstanceItem }) {
  const { t } = useTranslationRef(iotTranslationRef);
  const { operation, done, total, percent } = instanceProgress(props.instance);
  const counts = { done: String(done), total: String(total) };
  const text = {
    install: t('deploymentTest.progressInstall', counts),
    rollback: t('deploymentTest.progressRollback', counts),
    uninstall: t('deploymentTest.progressUninstall', counts),
  }[operation];
  const label = {
    install: t('deploymentTest.progressLabelInstall'),
    rollback: t('deploymentTest.progressLabelRollback'),
    uninstall: t('deploymentTest.progressLabelUninstall'),
  }[operation];
  return (
    <Flex direction="column" gap="1">
      <LinearProgress
        variant="determinate"
        value={percent}
        aria-label={label}
        aria-valuetext={`${percent}% · ${text}`}
        color={props.instance.error ? 'secondary' : 'primary'}
      />
      <Text as="p" variant="body-small" color="secondary">
        {`${percent}% · ${text}`}
      </Text>
    </Flex>
  );
}

/** What became of the instance, in words: installed, deleted, or where it failed and what was undone. */
function Outcome(props: {
  instance: IotInstanceItem;
  resourceLabel: (nodeId: string) => string;
}) {
  const { instance, resourceLabel } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const { status, operation, error } = instance;
  if (error && operation === 'rollback') {
    let undone: string = t('deploymentTest.rollbackIncomplete');
    if (status === 'installing') {
      undone = t('deploymentTest.rollingBack');
    } else if (nothingLeft(instance)) {
      undone = t('deploymentTest.rolledBack');
    }
    return (
      <Alert
        role="alert"
        status="danger"
        icon
        isPending={status === 'installing'}
        title={
          error.nodeId
            ? t('deploymentTest.failedAt', {
                resource: resourceLabel(error.nodeId),
              })
            : t('deploymentTest.failed')
        }
        description={
          <Flex direction="column" gap="1">
            <span>{error.message}</span>
            <span>{undone}</span>
          </Flex>
        }
      />
    );
  }
  if (error && status === 'failed') {
    return (
      <Alert
        role="alert"
        status="danger"
        icon
        title={
          error.nodeId
            ? t('deploymentTest.uninstallFailedAt', {
                resource: resourceLabel(error.nodeId),
              })
            : t('deploymentTest.uninstallFailed')
        }
        description={error.message}
      />
    );
  }
  if (status === 'running') {
    return (
      <Alert
        role="status"
        status="success"
        icon
        title={t('deploymentTest.installed')}
      />
    );
  }
  if (status === 'deleted') {
    return (
      <Alert
        role="status"
        status="info"
        icon
        title={t('deploymentTest.deleted')}
        description={
          instance.installResult === null
            ? t('deploymentTest.stopped')
            : undefined
        }
      />
    );
  }
  return null;
}

export interface InstanceViewProps {
  progress: InstanceProgressState;
  /** The spec's saved graph, for where the resources stand. */
  graph: SpecGraph;
  types: ReadonlyMap<string, ResourceTypeItem>;
  /** The user may delete the instance. */
  canDelete: boolean;
  onDelete: () => void;
}

/**
 * One test install, live while the engine works on it: status, a
 * determinate progress bar, the outcome (where it failed and what was
 * rolled back), the graph coloured by resource state, the outputs and
 * the log.
 */
export function InstanceView(props: InstanceViewProps) {
  const { progress, graph, types, canDelete, onDelete } = props;
  const { instance, events, error, refresh } = progress;
  const { t } = useTranslationRef(iotTranslationRef);
  const language = useLocale();
  const headingId = useId();

  const resourceNames = useMemo(
    () =>
      new Map(
        (instance?.resources ?? []).map(resource => [
          resource.nodeId,
          resource.name || resource.nodeId,
        ]),
      ),
    [instance?.resources],
  );

  return (
    <Flex direction="column" gap="3" role="region" aria-labelledby={headingId}>
      <Flex
        justify="between"
        align="center"
        gap="2"
        style={{ flexWrap: 'wrap' }}
      >
        <Flex align="center" gap="2">
          <Text as="h3" variant="title-x-small" weight="bold" id={headingId}>
            {instance
              ? t('deploymentTest.instanceHeading', {
                  time: formatDateTime(instance.createdAt, language),
                })
              : t('deploymentTest.title')}
          </Text>
          {instance && <StatusChip {...instanceStatusChip(t, instance)} />}
        </Flex>
        {instance && canDelete && mayHaveResources(instance) && (
          <Button
            variant="secondary"
            destructive
            iconStart={<DeleteIcon fontSize="small" />}
            onPress={onDelete}
          >
            {t('deploymentTest.deleteInstance')}
          </Button>
        )}
      </Flex>
      {Boolean(error) && (
        <LoadFailedAlert
          title={t('deploymentTest.instanceFailed', {
            message: errorMessage(error),
          })}
          onRetry={refresh}
        />
      )}
      {!instance && !error && <Progress />}
      {instance && (
        <>
          <ProgressBar instance={instance} />
          <Outcome
            instance={instance}
            resourceLabel={nodeId => {
              const resource = instance.resources.find(
                r => r.nodeId === nodeId,
              );
              return resource
                ? resourceTitle(resource, types, language)
                : nodeId;
            }}
          />
          <SpecGraphView
            key={instance.id}
            graph={graph}
            types={types}
            label={t('deploymentTest.graphLabel')}
            resources={instance.resources}
          />
          {instance.outputs && (
            <CardSection title={t('deploymentTest.outputsTitle')}>
              <InstanceOutputs outputs={instance.outputs} />
            </CardSection>
          )}
          <CardSection title={t('deploymentTest.logTitle')}>
            <InstanceLog events={events} resourceNames={resourceNames} />
          </CardSection>
        </>
      )}
    </Flex>
  );
}
