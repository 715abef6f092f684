import { RELATION_HAS_PART } from '@backstage/catalog-model';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  EntityInfoCard,
  EntityRefLink,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { CellText, ColumnConfig } from '@backstage/ui';
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
import { entityTitleCell } from '../CardTable';
import { DescriptionField, Field, FieldList } from '../FieldList';
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

/** Overview card of an IotApp: review state, what it is, who owns it, its specs. */
export function IotAppCard() {
  const { t } = useTranslationRef(iotTranslationRef);
  const { entity } = useEntity<IotAppEntity>();
  const status = reviewStatusChip(t, reviewStatusOf(entity));
  const specCols = useMemo(() => specColumns(t), [t]);

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
        <DescriptionField entity={entity} />
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
    </EntityInfoCard>
  );
}
