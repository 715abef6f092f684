import {
  RELATION_HAS_PART,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  EntityInfoCard,
  EntityRefLink,
  useEntity,
  useRelatedEntities,
} from '@backstage/plugin-catalog-react';
import {
  Alert,
  Cell,
  CellText,
  ColumnConfig,
  Table,
  Text,
} from '@backstage/ui';
import {
  IOT_SPEC_KIND,
  IotAppEntity,
  IotSpecEntity,
  isIotSpecEntity,
} from '@internal/backstage-plugin-iot-common';
import { useMemo } from 'react';
import { iotTranslationRef } from '../../translation';
import {
  IotTranslate,
  deployLocationLabel,
  humanizeSlug,
  reviewStatusChip,
  reviewStatusOf,
  specTypeLabel,
  yesNo,
} from '../../lib/labels';
import { CardSection } from '../CardSection';
import { Field, FieldList } from '../FieldList';
import { StatusChip } from '../StatusChip';

type SpecRow = IotSpecEntity & { id: string };

function specColumns(t: IotTranslate): ColumnConfig<SpecRow>[] {
  return [
    {
      id: 'name',
      label: t('fields.name'),
      isRowHeader: true,
      cell: spec => (
        <Cell>
          <EntityRefLink
            entityRef={spec}
            title={spec.metadata.title ?? spec.metadata.name}
          />
        </Cell>
      ),
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

/** The specs of the app, from its `hasPart` relations. */
function AppSpecs(props: { app: IotAppEntity }) {
  const { t } = useTranslationRef(iotTranslationRef);
  const { entities, loading, error } = useRelatedEntities(props.app, {
    type: RELATION_HAS_PART,
    kind: IOT_SPEC_KIND,
  });
  const rows = useMemo(
    () =>
      (entities ?? [])
        .filter(isIotSpecEntity)
        .map(spec => ({ ...spec, id: stringifyEntityRef(spec) })),
    [entities],
  );
  const columns = useMemo(() => specColumns(t), [t]);

  if (error) {
    return (
      <Alert
        status="danger"
        icon
        title={t('values.loadFailed', { message: error.message })}
      />
    );
  }
  return (
    <Table
      columnConfig={columns}
      // No data while loading, so the empty state does not flash first.
      data={loading ? undefined : rows}
      isPending={loading}
      pagination={{ type: 'none' }}
      emptyState={<Text as="p">{t('appCard.noSpecs')}</Text>}
    />
  );
}

/** Overview card of an IotApp: review state, what it is, who owns it, its specs. */
export function IotAppCard() {
  const { t } = useTranslationRef(iotTranslationRef);
  const { entity } = useEntity<IotAppEntity>();
  const status = reviewStatusChip(t, reviewStatusOf(entity));

  return (
    <EntityInfoCard title={t('appCard.title')}>
      <FieldList>
        <Field label={t('fields.reviewStatus')}>
          <StatusChip label={status.label} tone={status.tone} />
        </Field>
        <Field label={t('fields.owner')}>
          <EntityRefLink entityRef={entity.spec.owner} defaultKind="group" />
        </Field>
        <Field label={t('fields.industry')}>
          {humanizeSlug(entity.spec.industry)}
        </Field>
        <Field label={t('fields.scenario')}>
          {humanizeSlug(entity.spec.scenario)}
        </Field>
        {entity.metadata.description && (
          <Field label={t('fields.description')} wide>
            {entity.metadata.description}
          </Field>
        )}
      </FieldList>
      <CardSection title={t('appCard.specsTitle')}>
        <AppSpecs app={entity} />
      </CardSection>
    </EntityInfoCard>
  );
}
