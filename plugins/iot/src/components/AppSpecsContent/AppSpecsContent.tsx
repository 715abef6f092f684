import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import {
  useApi,
  useRouteRef,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Alert,
  Button,
  Card,
  CardBody,
  CardHeader,
  Flex,
  Text,
} from '@backstage/ui';
import AddIcon from '@material-ui/icons/Add';
import PublishIcon from '@material-ui/icons/Publish';
import {
  iotAppDeletePermission,
  iotAppUpdatePermission,
  type CreateSpecRequest,
  type IotAppEntity,
  type IotSpecItem,
} from '@internal/backstage-plugin-iot-common';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { iotApiRef } from '../../api';
import { errorMessage } from '../../lib/errors';
import { useSpecExport } from '../../lib/useSpecExport';
import { specRouteRef } from '../../routes';
import { iotTranslationRef } from '../../translation';
import { ImportSpecDialog } from '../ImportSpecDialog';
import { SpecAction, SpecActionDialogs } from '../SpecActionDialogs';
import { SpecFormDialog } from '../SpecFormDialog';
import { SpecTable } from '../SpecTable';
import { LoadFailedAlert } from '../LoadFailedAlert';

/**
 * The "Specs" tab of an app's catalog page: the app's specs with edit, copy,
 * export and delete, "New spec" and "Import spec" (SPEC-1..6). Changes are
 * offered to the app's owner group only.
 */
export function AppSpecsContent() {
  const { t } = useTranslationRef(iotTranslationRef);
  const { entity } = useEntity<IotAppEntity>();
  const iotApi = useApi(iotApiRef);
  const specLink = useRouteRef(specRouteRef);
  const navigate = useNavigate();
  const appId = entity.metadata.name;
  const appName = entity.metadata.title ?? appId;
  const entityRef = stringifyEntityRef(entity);
  // The server decides; these only spare others actions they cannot do.
  const canUpdate = usePermission({
    permission: iotAppUpdatePermission,
    resourceRef: entityRef,
  });
  const canDelete = usePermission({
    permission: iotAppDeletePermission,
    resourceRef: entityRef,
  });
  const specs = useAsyncRetry(() => iotApi.listSpecs(appId), [iotApi, appId]);
  const exporter = useSpecExport();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [action, setAction] = useState<SpecAction>();
  const [notice, setNotice] = useState<string>();

  const mayUpdate = !canUpdate.loading && canUpdate.allowed;
  const mayDelete = !canDelete.loading && canDelete.allowed;
  const items = specs.value?.items ?? [];

  const create = async (request: CreateSpecRequest) => {
    const created = await iotApi.createSpec(appId, request);
    setCreating(false);
    if (specLink) {
      navigate(specLink({ specId: created.id }));
    }
  };

  const onImported = (spec: IotSpecItem) => {
    setImporting(false);
    setNotice(t('specsTab.imported', { name: spec.name }));
    specs.retry();
  };

  const onUpdated = (spec: IotSpecItem) => {
    setAction(undefined);
    setNotice(t('specsTab.updated', { name: spec.name }));
    specs.retry();
  };

  const onDeleted = (spec: IotSpecItem) => {
    setAction(undefined);
    setNotice(t('specsTab.deleted', { name: spec.name }));
    specs.retry();
  };

  return (
    <Card>
      <CardHeader>
        <Flex justify="between" align="center" gap="3">
          <Text as="h2" variant="title-small">
            {t('specsTab.title', { app: appName })}
          </Text>
          {mayUpdate && (
            <Flex gap="2">
              <Button
                variant="secondary"
                iconStart={<PublishIcon fontSize="small" />}
                onPress={() => setImporting(true)}
              >
                {t('specsTab.importSpec')}
              </Button>
              <Button
                variant="primary"
                iconStart={<AddIcon fontSize="small" />}
                onPress={() => setCreating(true)}
              >
                {t('specsTab.newSpec')}
              </Button>
            </Flex>
          )}
        </Flex>
      </CardHeader>
      <CardBody>
        <Flex direction="column" gap="3">
          {!canUpdate.loading && !canUpdate.allowed && (
            <Text as="p" color="secondary">
              {t('specsTab.readOnly')}
            </Text>
          )}
          {notice && (
            <Alert role="status" status="success" icon title={notice} />
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
          {specs.error && (
            <LoadFailedAlert
              title={t('specsTab.loadFailed', {
                message: errorMessage(specs.error),
              })}
              onRetry={specs.retry}
            />
          )}
          {specs.loading && !specs.value && <Progress />}
          {specs.value && items.length === 0 && (
            <Text as="p" color="secondary">
              {mayUpdate ? t('specsTab.empty') : t('specsTab.emptyReadOnly')}
            </Text>
          )}
          {items.length > 0 && (
            <SpecTable
              specs={items}
              canUpdate={mayUpdate}
              canDelete={mayDelete}
              exporting={exporter.exporting}
              onAction={next => {
                setNotice(undefined);
                setAction(next);
              }}
              onExport={exporter.exportSpec}
            />
          )}
        </Flex>
      </CardBody>
      <SpecFormDialog
        open={creating}
        title={t('specForm.createTitle')}
        submitLabel={t('dialogs.create')}
        failedTitle={t('specForm.createFailed')}
        onSubmit={create}
        onClose={() => setCreating(false)}
      />
      <ImportSpecDialog
        open={importing}
        appId={appId}
        appName={appName}
        onClose={() => setImporting(false)}
        onImported={onImported}
      />
      <SpecActionDialogs
        action={action}
        onClose={() => setAction(undefined)}
        onUpdated={onUpdated}
        onDeleted={onDeleted}
      />
    </Card>
  );
}
