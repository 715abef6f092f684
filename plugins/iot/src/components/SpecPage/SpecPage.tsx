import { Progress } from '@backstage/core-components';
import {
  useApi,
  useRouteRef,
  useRouteRefParams,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityRefLink,
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Alert,
  Button,
  Card,
  CardBody,
  CardHeader,
  Container,
  Flex,
  Text,
} from '@backstage/ui';
import DeleteIcon from '@material-ui/icons/Delete';
import EditIcon from '@material-ui/icons/Edit';
import FileCopyIcon from '@material-ui/icons/FileCopy';
import GetAppIcon from '@material-ui/icons/GetApp';
import {
  IOT_APP_KIND,
  iotAppDeletePermission,
  iotAppUpdatePermission,
  type IotSpecItem,
} from '@internal/backstage-plugin-iot-common';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { iotApiRef } from '../../api';
import { errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { deployLocationLabel, specTypeLabel, yesNo } from '../../lib/labels';
import { useLocale } from '../../lib/useLocale';
import { useSpecExport } from '../../lib/useSpecExport';
import { specRouteRef } from '../../routes';
import { iotTranslationRef } from '../../translation';
import { DeploymentTestCard } from '../DeploymentTest';
import { Field, FieldList } from '../FieldList';
import { SpecAction, SpecActionDialogs } from '../SpecActionDialogs';
import { SpecEditor } from '../SpecEditor';
import { SpecImageList } from '../SpecImageList';
import { StatusChip } from '../StatusChip';
import { LoadFailedAlert } from '../LoadFailedAlert';

/**
 * One spec (SPEC-3..8, SPEC-10): its fields, edit, copy, export and delete,
 * its dependency editor and its deployment test. "New spec" and "Copy"
 * land here.
 */
export function SpecPage() {
  const { t } = useTranslationRef(iotTranslationRef);
  const { specId } = useRouteRefParams(specRouteRef);
  const iotApi = useApi(iotApiRef);
  const spec = useAsyncRetry(() => iotApi.getSpec(specId), [iotApi, specId]);

  if (spec.error) {
    return (
      <Container my="4">
        <LoadFailedAlert
          title={t('specPage.loadFailed', {
            message: errorMessage(spec.error),
          })}
          onRetry={spec.retry}
        />
      </Container>
    );
  }
  if (!spec.value) {
    return <Progress />;
  }
  return (
    <SpecDetails key={spec.value.id} spec={spec.value} onChanged={spec.retry} />
  );
}

function SpecDetails(props: { spec: IotSpecItem; onChanged: () => void }) {
  const { spec, onChanged } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const locale = useLocale();
  const iotApi = useApi(iotApiRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const navigate = useNavigate();
  const app = useAsyncRetry(
    () => iotApi.getApp(spec.appId),
    [iotApi, spec.appId],
  );
  const appRef = app.value?.entityRef;
  // Writes to a spec are writes to its app; the server decides either way.
  const canUpdate = usePermission({
    permission: iotAppUpdatePermission,
    resourceRef: appRef,
  });
  const canDelete = usePermission({
    permission: iotAppDeletePermission,
    resourceRef: appRef,
  });
  const exporter = useSpecExport();
  const [action, setAction] = useState<SpecAction>();
  const [updated, setUpdated] = useState(false);
  const [editorUnsaved, setEditorUnsaved] = useState(false);

  const mayUpdate = Boolean(appRef) && !canUpdate.loading && canUpdate.allowed;
  // The server refuses graph changes while the app is in review or published.
  const frozen =
    app.value?.reviewStatus === 'in-review' ||
    app.value?.reviewStatus === 'approved';
  const editorReady = !canUpdate.loading && (app.value || app.error);
  let editorNotice: string | undefined;
  if (!editorReady) {
    editorNotice = undefined;
  } else if (!mayUpdate) {
    editorNotice = t('specPage.editorReadOnly');
  } else if (app.value?.reviewStatus === 'in-review') {
    editorNotice = t('specPage.editorInReview');
  } else if (app.value?.reviewStatus === 'approved') {
    editorNotice = t('specPage.editorApproved');
  }
  const mayDelete = Boolean(appRef) && !canDelete.loading && canDelete.allowed;

  const onUpdated = () => {
    setAction(undefined);
    setUpdated(true);
    onChanged();
  };

  // Back to the app, whose Specs tab no longer lists the spec.
  const onDeleted = () => {
    setAction(undefined);
    if (appRef && entityRoute) {
      navigate(entityRoute(entityRouteParams(appRef)));
    }
  };

  return (
    <Container my="4">
      <Flex direction="column" gap="4">
        <Card>
          <CardHeader>
            <Flex
              justify="between"
              align="center"
              gap="3"
              style={{ flexWrap: 'wrap' }}
            >
              <Flex align="center" gap="2" style={{ flexWrap: 'wrap' }}>
                <Text as="h2" variant="title-small">
                  {spec.name}
                </Text>
                {spec.passedDeploymentTest && (
                  <StatusChip
                    label={t('deploymentTest.passedChip')}
                    tone="success"
                  />
                )}
              </Flex>
              <Flex gap="2" style={{ flexWrap: 'wrap' }}>
                {mayUpdate && (
                  <>
                    <Button
                      variant="secondary"
                      iconStart={<EditIcon fontSize="small" />}
                      onPress={() => setAction({ kind: 'edit', spec })}
                    >
                      {t('specActions.edit')}
                    </Button>
                    <Button
                      variant="secondary"
                      iconStart={<FileCopyIcon fontSize="small" />}
                      onPress={() => setAction({ kind: 'copy', spec })}
                    >
                      {t('specActions.copy')}
                    </Button>
                  </>
                )}
                <Button
                  variant="secondary"
                  iconStart={<GetAppIcon fontSize="small" />}
                  isPending={exporter.exporting === spec.id}
                  onPress={() => exporter.exportSpec(spec)}
                >
                  {t('specActions.export')}
                </Button>
                {mayDelete && (
                  <Button
                    variant="secondary"
                    destructive
                    iconStart={<DeleteIcon fontSize="small" />}
                    onPress={() => setAction({ kind: 'delete', spec })}
                  >
                    {t('specActions.delete')}
                  </Button>
                )}
              </Flex>
            </Flex>
          </CardHeader>
          <CardBody>
            <Flex direction="column" gap="3">
              {appRef && !canUpdate.loading && !canUpdate.allowed && (
                <Text as="p" color="secondary">
                  {t('specPage.readOnly')}
                </Text>
              )}
              {updated && (
                <Alert
                  role="status"
                  status="success"
                  icon
                  title={t('specPage.updated', { name: spec.name })}
                />
              )}
              {exporter.failure && (
                <Alert
                  role="alert"
                  status="danger"
                  icon
                  title={t('specActions.exportFailed', {
                    name: exporter.failure.name,
                  })}
                  description={exporter.failure.message}
                />
              )}
              <FieldList>
                <Field label={t('fields.app')}>
                  <EntityRefLink
                    entityRef={
                      appRef ?? {
                        kind: IOT_APP_KIND,
                        namespace: 'default',
                        name: spec.appId,
                      }
                    }
                    title={app.value?.name ?? spec.appId}
                  />
                </Field>
                <Field label={t('fields.type')}>
                  {specTypeLabel(t, spec.type)}
                </Field>
                <Field label={t('fields.deployLocation')}>
                  {deployLocationLabel(t, spec.deployLocation)}
                </Field>
                <Field label={t('fields.trial')}>
                  {yesNo(t, spec.allowTrial)}
                </Field>
                <Field label={t('fields.lastUpdate')}>
                  {formatDateTime(spec.updatedAt, locale)}
                </Field>
                <Field label={t('fields.catalogEntity')}>
                  <EntityRefLink entityRef={spec.entityRef} />
                </Field>
                <Field label={t('fields.imagesUsed')} wide>
                  <SpecImageList images={spec.images} />
                </Field>
                <Field label={t('fields.description')} wide>
                  {spec.description}
                </Field>
              </FieldList>
            </Flex>
          </CardBody>
        </Card>
        <Card>
          <CardHeader>
            <Text as="h2" variant="title-small">
              {t('specPage.editorTitle')}
            </Text>
          </CardHeader>
          <CardBody>
            <Flex direction="column" gap="3">
              {editorNotice && (
                <Text as="p" color="secondary">
                  {editorNotice}
                </Text>
              )}
              {!editorReady ? (
                <Progress />
              ) : (
                <SpecEditor
                  spec={spec}
                  editable={mayUpdate && !frozen}
                  onSaved={onChanged}
                  onUnsavedChange={setEditorUnsaved}
                />
              )}
            </Flex>
          </CardBody>
        </Card>
        <DeploymentTestCard
          spec={spec}
          canUpdate={
            canUpdate.loading || !appRef ? undefined : canUpdate.allowed
          }
          onSettled={onChanged}
          unsavedChanges={editorUnsaved}
        />
      </Flex>
      <SpecActionDialogs
        action={action}
        onClose={() => setAction(undefined)}
        onUpdated={onUpdated}
        onDeleted={onDeleted}
      />
    </Container>
  );
}
