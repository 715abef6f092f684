import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  EntityInfoCard,
  EntityRefLink,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { Cell, CellText, ColumnConfig } from '@backstage/ui';
import {
  IOT_APP_KIND,
  IOT_IMAGE_KIND,
  IotSpecEntity,
  IotSpecImageRef,
} from '@internal/backstage-plugin-iot-common';
import { useMemo } from 'react';
import { iotTranslationRef } from '../../translation';
import {
  IotTranslate,
  deployLocationLabel,
  specTypeLabel,
  yesNo,
} from '../../lib/labels';
import { CardSection } from '../CardSection';
import { CardTable } from '../CardTable';
import { DescriptionField, Field, FieldList } from '../FieldList';

type ImageRow = IotSpecImageRef & { id: string };

function imageColumns(t: IotTranslate): ColumnConfig<ImageRow>[] {
  return [
    {
      id: 'image',
      label: t('fields.image'),
      isRowHeader: true,
      cell: row => (
        <Cell>
          <EntityRefLink entityRef={row.image} defaultKind={IOT_IMAGE_KIND} />
        </Cell>
      ),
    },
    {
      id: 'version',
      label: t('fields.version'),
      cell: row => <CellText title={row.version} />,
    },
  ];
}

/** Overview card of an IotSpec: its app, how it deploys, the images it runs. */
export function IotSpecCard() {
  const { t } = useTranslationRef(iotTranslationRef);
  const { entity } = useEntity<IotSpecEntity>();
  const columns = useMemo(() => imageColumns(t), [t]);
  const rows = useMemo(
    () =>
      (entity.spec.images ?? []).map(ref => ({
        ...ref,
        id: `${ref.image}@${ref.version}`,
      })),
    [entity],
  );

  return (
    <EntityInfoCard title={t('specCard.title')}>
      <FieldList>
        <Field label={t('fields.app')}>
          <EntityRefLink
            entityRef={entity.spec.app}
            defaultKind={IOT_APP_KIND}
          />
        </Field>
        <Field label={t('fields.type')}>
          {specTypeLabel(t, entity.spec.type)}
        </Field>
        <Field label={t('fields.deployLocation')}>
          {deployLocationLabel(t, entity.spec.deployLocation)}
        </Field>
        <Field label={t('fields.trial')}>
          {yesNo(t, entity.spec.allowTrial)}
        </Field>
        <Field label={t('fields.owner')}>
          <EntityRefLink entityRef={entity.spec.owner} defaultKind="group" />
        </Field>
        <DescriptionField entity={entity} />
      </FieldList>
      <CardSection title={t('specCard.imagesTitle')}>
        <CardTable
          columns={columns}
          data={rows}
          emptyText={t('specCard.noImages')}
        />
      </CardSection>
    </EntityInfoCard>
  );
}
