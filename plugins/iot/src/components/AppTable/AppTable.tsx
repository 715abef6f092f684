import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type { IotAppItem } from '@internal/backstage-plugin-iot-common';
import { formatDateTime } from '../../lib/format';
import { reviewStatusChip } from '../../lib/labels';
import type { TaxonomyLabels } from '../../lib/taxonomy';
import { useLocale } from '../../lib/useLocale';
import { iotTranslationRef } from '../../translation';
import { StatusChip } from '../StatusChip';

export interface AppTableProps {
  apps: IotAppItem[];
  labels: TaxonomyLabels;
}

/** The ISV's apps (APP-3); each name opens the app's catalog page (APP-5). */
export function AppTable(props: AppTableProps) {
  const { apps, labels } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const locale = useLocale();
  return (
    <Table size="small" aria-label={t('appsPage.listTitle')}>
      <TableHead>
        <TableRow>
          <TableCell>{t('fields.name')}</TableCell>
          <TableCell>{t('fields.industry')}</TableCell>
          <TableCell>{t('fields.scenario')}</TableCell>
          <TableCell>{t('fields.reviewStatus')}</TableCell>
          <TableCell align="right">{t('fields.specCount')}</TableCell>
          <TableCell>{t('fields.lastUpdate')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {apps.map(app => {
          const chip = reviewStatusChip(t, app.reviewStatus);
          return (
            <TableRow key={app.id}>
              <TableCell component="th" scope="row">
                <EntityRefLink entityRef={app.entityRef} title={app.name} />
              </TableCell>
              <TableCell>{labels.industry(app.industry)}</TableCell>
              <TableCell>
                {labels.scenario(app.industry, app.scenario)}
              </TableCell>
              <TableCell>
                <StatusChip label={chip.label} tone={chip.tone} />
              </TableCell>
              <TableCell align="right">{app.specCount}</TableCell>
              <TableCell>{formatDateTime(app.updatedAt, locale)}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
