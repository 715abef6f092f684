import { Progress } from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  Alert,
  Button,
  Card,
  CardBody,
  CardHeader,
  Flex,
  Text,
} from '@backstage/ui';
import PlayArrowIcon from '@material-ui/icons/PlayArrow';
import {
  validateSpecGraph,
  type IotInstanceSummary,
  type IotSpecItem,
  type ResourceTypeItem,
} from '@internal/backstage-plugin-iot-common';
import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { iotApiRef } from '../../api';
import { errorMessage } from '../../lib/errors';
import { usePagedList } from '../../lib/usePagedList';
import { iotTranslationRef } from '../../translation';
import { CardSection } from '../CardSection';
import { DeleteDialog } from '../DeleteDialog';
import { DeploymentHistory } from './DeploymentHistory';
import { InstanceView } from './InstanceView';
import { LoadFailedAlert } from '../LoadFailedAlert';
import { LoadMoreButton } from '../PagedList';
import { isActive } from './instanceState';
import { useInstanceProgress } from './useInstanceProgress';

export interface DeploymentTestCardProps {
  spec: IotSpecItem;
  /** The user may start and delete test installs (`iot.app.update` on the app); undefined while unknown. */
  canUpdate: boolean | undefined;
  /** A test install ended: the spec's `passedDeploymentTest` may have changed. */
  onSettled: () => void;
  /** How often a test install in progress is polled. */
  pollIntervalMs?: number;
  /** The spec's editor holds unsaved changes: Start install waits for a save. */
  unsavedChanges?: boolean;
}

/**
 * The deployment test of a spec (SPEC-8): Start install deploys the saved
 * graph to the sandbox cloud; the latest test (or one chosen from the
 * history) shows its live progress over the graph, its log, outputs and
 * failure, with Delete instance; below, every test install of the spec.
 */
export function DeploymentTestCard(props: DeploymentTestCardProps) {
  const { spec, canUpdate, onSettled, pollIntervalMs, unsavedChanges } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const iotApi = useApi(iotApiRef);
  const reasonId = useId();

  // The saved graph: what Start install deploys. Saving it changes the spec's updatedAt.
  const saved = useAsyncRetry(
    () => iotApi.getSpecGraph(spec.id),
    [iotApi, spec.id, spec.updatedAt],
  );
  const types = useAsyncRetry(() => iotApi.getResourceTypes(), [iotApi]);
  const typeMap = useMemo(
    () =>
      new Map<string, ResourceTypeItem>(
        (types.value?.items ?? []).map(type => [type.id, type]),
      ),
    [types.value],
  );
  const problemCount = useMemo(
    () =>
      saved.value ? validateSpecGraph(saved.value.graph).problems.length : 0,
    [saved.value],
  );

  const fetchPage = useCallback(
    (cursor: string | undefined) =>
      iotApi.listDeploymentTests(spec.id, { cursor }),
    [iotApi, spec.id],
  );
  const history = usePagedList<IotInstanceSummary>(fetchPage);
  const [chosenId, setChosenId] = useState<string>();
  const shownId = chosenId ?? history.items[0]?.id;
  const progress = useInstanceProgress(shownId, pollIntervalMs);
  const { instance } = progress;

  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string>();
  const [deleting, setDeleting] = useState(false);

  // A change of the shown test's status shows in the history; the end of
  // an install may change whether the spec passed.
  const { reload } = history;
  const seen = useRef<{ id: string; state: string }>();
  useEffect(() => {
    if (!instance) return;
    const state = `${instance.status}/${instance.operation}`;
    const before = seen.current;
    seen.current = { id: instance.id, state };
    if (before?.id !== instance.id || before.state === state) return;
    reload();
    if (instance.status === 'running' || instance.status === 'failed') {
      onSettled();
    }
  }, [instance, reload, onSettled]);

  const start = async () => {
    setStarting(true);
    setStartError(undefined);
    try {
      const instanceId = await iotApi.startDeploymentTest(spec.id);
      setChosenId(instanceId);
      reload();
    } catch (e) {
      setStartError(errorMessage(e));
    } finally {
      setStarting(false);
    }
  };

  let blocked: string | undefined;
  if (canUpdate === false) {
    blocked = t('deploymentTest.reasonPermission');
  } else if (saved.value && saved.value.graph.nodes.length === 0) {
    blocked = t('deploymentTest.reasonEmpty');
  } else if (problemCount > 0) {
    blocked = t('deploymentTest.reasonInvalid', { count: problemCount });
  } else if (instance && isActive(instance)) {
    blocked = t('deploymentTest.reasonBusy');
  } else if (unsavedChanges) {
    blocked = t('deploymentTest.reasonUnsaved');
  }
  const ready = canUpdate !== undefined && saved.value !== undefined;

  const loadError = saved.error ?? types.error;
  const noTests =
    !history.loading && !history.error && history.items.length === 0;

  return (
    <Card>
      <CardHeader>
        <Flex justify="between" align="center" gap="3">
          <Text as="h2" variant="title-small">
            {t('deploymentTest.title')}
          </Text>
          <Button
            variant="primary"
            iconStart={<PlayArrowIcon fontSize="small" />}
            isDisabled={!ready || blocked !== undefined}
            isPending={starting}
            onPress={start}
            aria-describedby={reasonId}
          >
            {t('deploymentTest.start')}
          </Button>
        </Flex>
      </CardHeader>
      <CardBody>
        <Flex direction="column" gap="4">
          <Text as="p" color="secondary" id={reasonId}>
            {blocked ?? t('deploymentTest.savedGraphNote')}
          </Text>
          {startError && (
            <Alert
              role="alert"
              status="danger"
              icon
              title={t('deploymentTest.startFailed')}
              description={startError}
            />
          )}
          {loadError && (
            <LoadFailedAlert
              title={t('deploymentTest.graphLoadFailed', {
                message: errorMessage(loadError),
              })}
              onRetry={() => {
                if (saved.error) saved.retry();
                if (types.error) types.retry();
              }}
            />
          )}
          {noTests && !chosenId && (
            <Text as="p">{t('deploymentTest.empty')}</Text>
          )}
          {shownId && saved.value && types.value && (
            <InstanceView
              progress={progress}
              graph={saved.value.graph}
              types={typeMap}
              canDelete={canUpdate === true}
              onDelete={() => setDeleting(true)}
            />
          )}
          {history.error !== undefined && (
            <LoadFailedAlert
              title={t('deploymentTest.historyFailed', {
                message: errorMessage(history.error),
              })}
              onRetry={reload}
            />
          )}
          {history.loading && history.items.length === 0 && <Progress />}
          {history.items.length > 0 && (
            <CardSection title={t('deploymentTest.historyTitle')}>
              <DeploymentHistory
                tests={history.items}
                shownId={shownId}
                onShow={setChosenId}
              />
              {history.hasMore && (
                <LoadMoreButton
                  list={history}
                  label={t('deploymentTest.loadMore')}
                />
              )}
            </CardSection>
          )}
        </Flex>
      </CardBody>
      <DeleteDialog
        open={deleting}
        title={t('deploymentTest.deleteTitle')}
        body={
          instance?.status === 'pending' || instance?.status === 'installing'
            ? t('deploymentTest.deleteBodyInstalling', { spec: spec.name })
            : t('deploymentTest.deleteBody', { spec: spec.name })
        }
        failedTitle={t('deploymentTest.deleteFailed')}
        onConfirm={async () => {
          if (!shownId) return;
          await iotApi.deleteInstance(shownId);
          setDeleting(false);
          progress.refresh();
          reload();
        }}
        onClose={() => setDeleting(false)}
      />
    </Card>
  );
}
