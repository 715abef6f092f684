import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Button } from '@backstage/ui';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { IotInstanceSummary } from '@internal/backstage-plugin-iot-common';
import { formatDateTime } from '../../lib/format';
import { durationLabel } from '../../lib/labels';
import { useLocale } from '../../lib/useLocale';
import { iotTranslationRef } from '../../translation';
import { StatusChip } from '../StatusChip';
import { instanceStatusChip, secondsBetween } from './instanceState';

export interface DeploymentHistoryProps {
  tests: IotInstanceSummary[];
  /** The test shown above the table. */
  shownId?: string;
  onShow: (instanceId: string) => void;
}

/**
 * The test installs of a spec, newest first: status, when it started and
 * ended, how long the install took and whether it passed (kept after the
 * instance is deleted).
 */
export function DeploymentHistory(props: DeploymentHistoryProps) {
  const { tests, shownId, onShow } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const locale = useLocale();
  return (
    <Table size="small" aria-label={t('deploymentTest.historyLabel')}>
      <TableHead>
        <TableRow>
          <TableCell>{t('fields.status')}</TableCell>
          <TableCell>{t('deploymentTest.started')}</TableCell>
          <TableCell>{t('deploymentTest.finished')}</TableCell>
          <TableCell>{t('deploymentTest.duration')}</TableCell>
          <TableCell>{t('deploymentTest.passed')}</TableCell>
          <TableCell>{t('deploymentTest.startedBy')}</TableCell>
          <TableCell align="right">{t('fields.actions')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {tests.map(test => {
          const started = formatDateTime(test.createdAt, locale);
          const shown = test.id === shownId;
          let passed = '—';
          if (test.installResult) {
            passed =
              test.installResult === 'passed'
                ? t('values.yes')
                : t('values.no');
          }
          return (
            <TableRow key={test.id} selected={shown}>
              <TableCell>
                <StatusChip {...instanceStatusChip(t, test)} />
              </TableCell>
              <TableCell>{started}</TableCell>
              <TableCell>
                {test.installFinishedAt
                  ? formatDateTime(test.installFinishedAt, locale)
                  : '—'}
              </TableCell>
              <TableCell>
                {test.installFinishedAt
                  ? durationLabel(
                      t,
                      secondsBetween(test.createdAt, test.installFinishedAt),
                    )
                  : '—'}
              </TableCell>
              <TableCell>{passed}</TableCell>
              <TableCell>
                <EntityRefLink entityRef={test.createdBy} defaultKind="user" />
              </TableCell>
              <TableCell align="right">
                {shown ? (
                  t('deploymentTest.shown')
                ) : (
                  <Button
                    size="small"
                    variant="tertiary"
                    aria-label={t('deploymentTest.showTest', { time: started })}
                    onPress={() => onShow(test.id)}
                  >
                    {t('deploymentTest.show')}
                  </Button>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
