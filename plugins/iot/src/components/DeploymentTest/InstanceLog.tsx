import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Text } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type { IotInstanceEvent } from '@internal/backstage-plugin-iot-common';
import { useLayoutEffect, useMemo, useRef } from 'react';
import { formatDateTime } from '../../lib/format';
import { useLocale } from '../../lib/useLocale';
import { iotTranslationRef } from '../../translation';

const useStyles = makeStyles(theme => ({
  scroller: {
    maxHeight: 320,
    overflowY: 'auto',
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
  time: {
    whiteSpace: 'nowrap',
    fontVariantNumeric: 'tabular-nums',
  },
  resource: {
    whiteSpace: 'nowrap',
  },
  warn: {
    color: theme.palette.warning.dark,
  },
  error: {
    color: theme.palette.error.main,
  },
}));

/** Within this many pixels of the end counts as following the log. */
const FOLLOW_SLACK = 24;

export interface InstanceLogProps {
  events: IotInstanceEvent[];
  /** Names of the instance's resources by node id. */
  resourceNames: ReadonlyMap<string, string>;
}

/**
 * The log of an instance, oldest line first: time, resource and message,
 * warnings and errors coloured. It follows new lines while scrolled to
 * the end, and stays put while the reader scrolls back.
 */
export function InstanceLog(props: InstanceLogProps) {
  const { events, resourceNames } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const locale = useLocale();
  const classes = useStyles();
  const scroller = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const timeFormat = useMemo(
    () =>
      new Intl.DateTimeFormat(locale, {
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      }),
    [locale],
  );

  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && following.current) {
      element.scrollTop = element.scrollHeight;
    }
  }, [events.length]);

  if (events.length === 0) {
    return (
      <Text as="p" color="secondary">
        {t('deploymentTest.logEmpty')}
      </Text>
    );
  }
  return (
    <div
      ref={scroller}
      className={classes.scroller}
      onScroll={event => {
        const element = event.currentTarget;
        following.current =
          element.scrollHeight - element.scrollTop - element.clientHeight <
          FOLLOW_SLACK;
      }}
    >
      <Table
        size="small"
        stickyHeader
        aria-label={t('deploymentTest.logLabel')}
      >
        <TableHead>
          <TableRow>
            <TableCell>{t('deploymentTest.time')}</TableCell>
            <TableCell>{t('deploymentTest.resource')}</TableCell>
            <TableCell>{t('deploymentTest.message')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {events.map(event => {
            const tone =
              event.level === 'info' ? undefined : classes[event.level];
            return (
              <TableRow key={event.id}>
                <TableCell
                  className={classes.time}
                  title={formatDateTime(event.at, locale)}
                >
                  {timeFormat.format(new Date(event.at))}
                </TableCell>
                <TableCell className={classes.resource}>
                  {event.nodeId
                    ? resourceNames.get(event.nodeId) ?? event.nodeId
                    : '—'}
                </TableCell>
                <TableCell className={tone}>{event.message}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
