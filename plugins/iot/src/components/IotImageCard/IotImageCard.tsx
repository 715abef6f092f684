import {
  DEFAULT_NAMESPACE,
  RELATION_DEPENDENCY_OF,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  EntityInfoCard,
  EntityRefLink,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { Cell, CellText, ColumnConfig, Flex, Text } from '@backstage/ui';
import ComputerIcon from '@material-ui/icons/Computer';
import LayersIcon from '@material-ui/icons/Layers';
import {
  IOT_APP_KIND,
  IOT_IMAGE_KIND,
  IOT_SPEC_KIND,
  IotImageEntity,
  IotImageVersion,
  IotSpecEntity,
  isIotSpecEntity,
} from '@internal/backstage-plugin-iot-common';
import { useCallback, useMemo } from 'react';
import { iotTranslationRef } from '../../translation';
import { formatBytes, formatDateTime, shortenSha256 } from '../../lib/format';
import {
  sortVersionsNewestFirst,
  summarizeImageVersions,
} from '../../lib/images';
import {
  IotTranslate,
  imageKindLabel,
  uploadStatusChip,
} from '../../lib/labels';
import { useLocale } from '../../lib/useLocale';
import { CardSection } from '../CardSection';
import { CardTable, entityTitleCell } from '../CardTable';
import { DescriptionField, Field, FieldList } from '../FieldList';
import {
  RelatedEntitiesTable,
  RelatedEntityRow,
} from '../RelatedEntitiesTable';
import { StatusChip } from '../StatusChip';

type VersionRow = IotImageVersion & { id: string };
type UsedByRow = RelatedEntityRow<IotSpecEntity & { usedVersion?: string }>;

function versionColumns(
  t: IotTranslate,
  locale: string,
): ColumnConfig<VersionRow>[] {
  return [
    {
      id: 'version',
      label: t('fields.version'),
      isRowHeader: true,
      cell: v => <CellText title={v.version} />,
    },
    {
      id: 'status',
      label: t('fields.status'),
      cell: v => {
        const chip = uploadStatusChip(t, v.status);
        return (
          <Cell>
            <StatusChip label={chip.label} tone={chip.tone} />
          </Cell>
        );
      },
    },
    {
      id: 'size',
      label: t('fields.size'),
      cell: v => <CellText title={formatBytes(v.sizeBytes, locale)} />,
    },
    {
      id: 'uploadedAt',
      label: t('fields.uploadedAt'),
      cell: v => <CellText title={formatDateTime(v.uploadedAt, locale)} />,
    },
    {
      id: 'sha256',
      label: t('fields.sha256'),
      cell: v => (
        <Cell>
          {v.sha256 ? (
            <Text as="span" variant="body-small" title={v.sha256}>
              <code>{shortenSha256(v.sha256)}</code>
            </Text>
          ) : (
            <Text as="span" variant="body-small" color="secondary">
              {t('values.none')}
            </Text>
          )}
        </Cell>
      ),
    },
  ];
}

function usedByColumns(t: IotTranslate): ColumnConfig<UsedByRow>[] {
  return [
    {
      id: 'spec',
      label: t('fields.spec'),
      isRowHeader: true,
      cell: entityTitleCell,
    },
    {
      id: 'app',
      label: t('fields.app'),
      cell: spec => (
        <Cell>
          <EntityRefLink entityRef={spec.spec.app} defaultKind={IOT_APP_KIND} />
        </Cell>
      ),
    },
    {
      id: 'version',
      label: t('fields.version'),
      cell: spec => <CellText title={spec.usedVersion ?? t('values.none')} />,
    },
  ];
}

/** The version of `imageRef` that a spec deploys, if it names the image. */
function versionUsedBy(spec: IotSpecEntity, imageRef: string) {
  return spec.spec.images?.find(
    used =>
      stringifyEntityRef(
        parseEntityRef(used.image, {
          defaultKind: IOT_IMAGE_KIND,
          defaultNamespace: spec.metadata.namespace ?? DEFAULT_NAMESPACE,
        }),
      ) === imageRef,
  )?.version;
}

/** Overview card of an IotImage: its kind, versions and the specs using it. */
export function IotImageCard() {
  const { t } = useTranslationRef(iotTranslationRef);
  const locale = useLocale();
  const { entity } = useEntity<IotImageEntity>();
  const versions = entity.spec.versions;
  const summary = useMemo(() => summarizeImageVersions(versions), [versions]);
  const versionRows = useMemo(
    () => sortVersionsNewestFirst(versions).map(v => ({ ...v, id: v.version })),
    [versions],
  );
  const versionCols = useMemo(() => versionColumns(t, locale), [t, locale]);
  const imageRef = stringifyEntityRef(entity);
  const usedByRow = useCallback(
    (spec: IotSpecEntity) => ({
      ...spec,
      usedVersion: versionUsedBy(spec, imageRef),
    }),
    [imageRef],
  );
  const usedByCols = useMemo(() => usedByColumns(t), [t]);
  const KindIcon = entity.spec.imageKind === 'vm' ? ComputerIcon : LayersIcon;

  return (
    <EntityInfoCard title={t('imageCard.title')}>
      <FieldList>
        <Field label={t('fields.imageKind')}>
          <Flex align="center" gap="1">
            <KindIcon fontSize="small" aria-hidden />
            {imageKindLabel(t, entity.spec.imageKind)}
          </Flex>
        </Field>
        <Field label={t('fields.owner')}>
          <EntityRefLink entityRef={entity.spec.owner} defaultKind="group" />
        </Field>
        <Field label={t('fields.latestVersion')}>
          {summary.latestVersion?.version ?? t('values.none')}
        </Field>
        <Field label={t('fields.totalSize')}>
          {formatBytes(summary.totalSizeBytes, locale)}
        </Field>
        <Field label={t('fields.lastUpload')}>
          {summary.lastUploadedAt
            ? formatDateTime(summary.lastUploadedAt, locale)
            : t('values.none')}
        </Field>
        <DescriptionField entity={entity} />
      </FieldList>
      <CardSection title={t('imageCard.versionsTitle')}>
        <CardTable
          columns={versionCols}
          data={versionRows}
          emptyText={t('imageCard.noVersions')}
        />
      </CardSection>
      <CardSection title={t('imageCard.usedByTitle')}>
        {/* The specs that deploy the image, from its `dependencyOf` relations. */}
        <RelatedEntitiesTable
          entity={entity}
          relation={RELATION_DEPENDENCY_OF}
          kind={IOT_SPEC_KIND}
          isKind={isIotSpecEntity}
          toRow={usedByRow}
          columns={usedByCols}
          emptyText={t('imageCard.notUsed')}
        />
      </CardSection>
    </EntityInfoCard>
  );
}
