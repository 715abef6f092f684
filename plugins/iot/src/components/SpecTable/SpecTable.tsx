import { Link } from '@backstage/core-components';
import { useRouteRef, useTranslationRef } from '@backstage/frontend-plugin-api';
import { ButtonIcon, Flex } from '@backstage/ui';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import DeleteIcon from '@material-ui/icons/Delete';
import EditIcon from '@material-ui/icons/Edit';
import FileCopyIcon from '@material-ui/icons/FileCopy';
import GetAppIcon from '@material-ui/icons/GetApp';
import type { IotSpecItem } from '@internal/backstage-plugin-iot-common';
import { formatDateTime } from '../../lib/format';
import { deployLocationLabel, specTypeLabel, yesNo } from '../../lib/labels';
import { useLocale } from '../../lib/useLocale';
import { specRouteRef } from '../../routes';
import { iotTranslationRef } from '../../translation';
import type { SpecAction } from '../SpecActionDialogs';
import { SpecImageList } from '../SpecImageList';

export interface SpecTableProps {
  specs: IotSpecItem[];
  /** Offer Edit and Copy. */
  canUpdate: boolean;
  /** Offer Delete. */
  canDelete: boolean;
  /** Id of the spec being exported. */
  exporting?: string;
  onAction: (action: SpecAction) => void;
  onExport: (spec: IotSpecItem) => void;
}

/** The specs of an app with their actions (SPEC-3..6). */
export function SpecTable(props: SpecTableProps) {
  const { specs, canUpdate, canDelete, exporting, onAction, onExport } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const locale = useLocale();
  const specLink = useRouteRef(specRouteRef);
  return (
    <Table size="small" aria-label={t('specsTab.listLabel')}>
      <TableHead>
        <TableRow>
          <TableCell>{t('fields.name')}</TableCell>
          <TableCell>{t('fields.type')}</TableCell>
          <TableCell>{t('fields.deployLocation')}</TableCell>
          <TableCell>{t('fields.trial')}</TableCell>
          <TableCell>{t('fields.imagesUsed')}</TableCell>
          <TableCell>{t('fields.lastUpdate')}</TableCell>
          <TableCell align="right">{t('fields.actions')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {specs.map(spec => (
          <TableRow key={spec.id}>
            <TableCell component="th" scope="row">
              {specLink ? (
                <Link to={specLink({ specId: spec.id })}>{spec.name}</Link>
              ) : (
                spec.name
              )}
            </TableCell>
            <TableCell>{specTypeLabel(t, spec.type)}</TableCell>
            <TableCell>{deployLocationLabel(t, spec.deployLocation)}</TableCell>
            <TableCell>{yesNo(t, spec.allowTrial)}</TableCell>
            <TableCell>
              <SpecImageList images={spec.images} />
            </TableCell>
            <TableCell>{formatDateTime(spec.updatedAt, locale)}</TableCell>
            <TableCell align="right">
              <Flex gap="1" justify="end">
                {canUpdate && (
                  <>
                    <ButtonIcon
                      size="small"
                      variant="tertiary"
                      aria-label={t('specActions.editSpec', {
                        name: spec.name,
                      })}
                      icon={<EditIcon fontSize="small" />}
                      onPress={() => onAction({ kind: 'edit', spec })}
                    />
                    <ButtonIcon
                      size="small"
                      variant="tertiary"
                      aria-label={t('specActions.copySpec', {
                        name: spec.name,
                      })}
                      icon={<FileCopyIcon fontSize="small" />}
                      onPress={() => onAction({ kind: 'copy', spec })}
                    />
                  </>
                )}
                <ButtonIcon
                  size="small"
                  variant="tertiary"
                  aria-label={t('specActions.exportSpec', { name: spec.name })}
                  icon={<GetAppIcon fontSize="small" />}
                  isPending={exporting === spec.id}
                  onPress={() => onExport(spec)}
                />
                {canDelete && (
                  <ButtonIcon
                    size="small"
                    variant="tertiary"
                    aria-label={t('specActions.deleteSpec', {
                      name: spec.name,
                    })}
                    icon={<DeleteIcon fontSize="small" />}
                    onPress={() => onAction({ kind: 'delete', spec })}
                  />
                )}
              </Flex>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
