import {
  RELATION_HAS_PART,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  useApi,
  useRouteRef,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityInfoCard,
  EntityRefLink,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { Button, CellText, ColumnConfig, Flex } from '@backstage/ui';
import DeleteIcon from '@material-ui/icons/Delete';
import EditIcon from '@material-ui/icons/Edit';
import {
  IOT_SPEC_KIND,
  IotAppEntity,
  IotAppItem,
  IotSpecEntity,
  iotAppDeletePermission,
  iotAppUpdatePermission,
  isIotSpecEntity,
} from '@internal/backstage-plugin-iot-common';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { iotApiRef } from '../../api';
import type { AppFormValues } from '../../lib/forms';
import {
  IotTranslate,
  deployLocationLabel,
  reviewStatusChip,
  reviewStatusOf,
  specTypeLabel,
  yesNo,
} from '../../lib/labels';
import { useAppTaxonomy } from '../../lib/useAppTaxonomy';
import { appsRouteRef } from '../../routes';
import { iotTranslationRef } from '../../translation';
import { AppFormDialog } from '../AppFormDialog';
import { CardSection } from '../CardSection';
import { entityTitleCell } from '../CardTable';
import { DeleteDialog } from '../DeleteDialog';
import { Field, FieldList } from '../FieldList';
import {
  RelatedEntitiesTable,
  RelatedEntityRow,
} from '../RelatedEntitiesTable';
import { StatusChip } from '../StatusChip';

type SpecRow = RelatedEntityRow<IotSpecEntity>;

/** A spec's row shows the spec itself. */
const specRow = (spec: IotSpecEntity) => spec;

function specColumns(t: IotTranslate): ColumnConfig<SpecRow>[] {
  return [
    {
      id: 'name',
      label: t('fields.name'),
      isRowHeader: true,
      cell: entityTitleCell,
    },
    {
      id: 'type',
      label: t('fields.type'),
      cell: spec => <CellText title={specTypeLabel(t, spec.spec.type)} />,
    },
    {
      id: 'deployLocation',
      label: t('fields.deployLocation'),
      cell: spec => (
        <CellText title={deployLocationLabel(t, spec.spec.deployLocation)} />
      ),
    },
    {
      id: 'trial',
      label: t('fields.trial'),
      cell: spec => <CellText title={yesNo(t, spec.spec.allowTrial)} />,
    },
  ];
}

/** What the card shows: the app as the API has it, else as the catalog has it. */
function shownApp(entity: IotAppEntity, app?: IotAppItem) {
  return {
    name: app?.name ?? entity.metadata.title ?? entity.metadata.name,
    industry: app?.industry ?? entity.spec.industry,
    scenario: app?.scenario ?? entity.spec.scenario,
    description: app?.description ?? entity.metadata.description ?? '',
    reviewStatus: app?.reviewStatus ?? reviewStatusOf(entity),
  };
}

/**
 * Overview card of an IotApp (APP-5): review state, what it is, who owns it,
 * its specs; "Edit" (APP-2) and "Delete app" (APP-4) for its owner group.
 */
export function IotAppCard() {
  const { t } = useTranslationRef(iotTranslationRef);
  const { entity } = useEntity<IotAppEntity>();
  const iotApi = useApi(iotApiRef);
  const appsLink = useRouteRef(appsRouteRef);
  const navigate = useNavigate();
  const appId = entity.metadata.name;
  const entityRef = stringifyEntityRef(entity);
  // The catalog lags behind edits; the API has the app as it is now. Users
  // who may see the entity but not the app keep the catalog's view.
  const loaded = useAsyncRetry(() => iotApi.getApp(appId), [iotApi, appId]);
  const [saved, setSaved] = useState<IotAppItem>();
  const app = shownApp(entity, saved ?? loaded.value);
  const { labels } = useAppTaxonomy();
  const canUpdate = usePermission({
    permission: iotAppUpdatePermission,
    resourceRef: entityRef,
  });
  const canDelete = usePermission({
    permission: iotAppDeletePermission,
    resourceRef: entityRef,
  });
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const status = reviewStatusChip(t, app.reviewStatus);
  const specCols = useMemo(() => specColumns(t), [t]);
  const { name, industry, scenario, description } = app;
  const initial = useMemo<AppFormValues>(
    () => ({ name, industry, scenario, description }),
    [name, industry, scenario, description],
  );

  const save = async (values: AppFormValues) => {
    setSaved(await iotApi.updateApp(appId, values));
    setEditing(false);
  };

  const remove = async () => {
    await iotApi.deleteApp(appId);
    setDeleting(false);
    if (appsLink) {
      navigate(appsLink());
    }
  };

  const mayUpdate = !canUpdate.loading && canUpdate.allowed;
  const mayDelete = !canDelete.loading && canDelete.allowed;

  return (
    <EntityInfoCard
      title={t('appCard.title')}
      headerActions={
        (mayUpdate || mayDelete) && (
          <Flex gap="2">
            {mayUpdate && (
              <Button
                variant="secondary"
                size="small"
                iconStart={<EditIcon fontSize="small" />}
                onPress={() => setEditing(true)}
              >
                {t('appCard.edit')}
              </Button>
            )}
            {mayDelete && (
              <Button
                variant="secondary"
                size="small"
                destructive
                iconStart={<DeleteIcon fontSize="small" />}
                onPress={() => setDeleting(true)}
              >
                {t('appCard.delete')}
              </Button>
            )}
          </Flex>
        )
      }
    >
      <FieldList>
        <Field label={t('fields.name')}>{app.name}</Field>
        <Field label={t('fields.reviewStatus')}>
          <StatusChip label={status.label} tone={status.tone} />
        </Field>
        <Field label={t('fields.owner')}>
          <EntityRefLink entityRef={entity.spec.owner} defaultKind="group" />
        </Field>
        <Field label={t('fields.industry')}>
          {labels.industry(app.industry)}
        </Field>
        <Field label={t('fields.scenario')}>
          {labels.scenario(app.industry, app.scenario)}
        </Field>
        {app.description && (
          <Field label={t('fields.description')} wide>
            {app.description}
          </Field>
        )}
      </FieldList>
      <CardSection title={t('appCard.specsTitle')}>
        {/* The specs of the app, from its `hasPart` relations. */}
        <RelatedEntitiesTable
          entity={entity}
          relation={RELATION_HAS_PART}
          kind={IOT_SPEC_KIND}
          isKind={isIotSpecEntity}
          toRow={specRow}
          columns={specCols}
          emptyText={t('appCard.noSpecs')}
        />
      </CardSection>
      <AppFormDialog
        open={editing}
        title={t('appForm.editTitle')}
        submitLabel={t('dialogs.save')}
        failedTitle={t('appForm.saveFailed')}
        initial={initial}
        onSubmit={save}
        onClose={() => setEditing(false)}
      />
      <DeleteDialog
        open={deleting}
        title={t('deleteApp.title')}
        body={t('deleteApp.body', { name: app.name })}
        failedTitle={t('deleteApp.failed')}
        onConfirm={remove}
        onClose={() => setDeleting(false)}
      />
    </EntityInfoCard>
  );
}
