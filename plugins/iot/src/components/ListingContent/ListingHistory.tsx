import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Flex, Text } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import type { ListingHistoryEntry } from '@internal/backstage-plugin-iot-common';
import { formatDateTime } from '../../lib/format';
import { useLocale } from '../../lib/useLocale';
import { iotTranslationRef } from '../../translation';
import {
  actorName,
  listingActionLabel,
  reviewFieldLabel,
} from './listingLabels';

const useStyles = makeStyles(theme => ({
  timeline: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    borderLeft: `2px solid ${theme.palette.divider}`,
  },
  entry: {
    position: 'relative',
    padding: theme.spacing(0, 0, 2, 2),
    '&::before': {
      content: '""',
      position: 'absolute',
      left: -6,
      top: 6,
      width: 10,
      height: 10,
      borderRadius: '50%',
      background: theme.palette.primary.main,
    },
  },
}));

/** The listing's transitions, newest first: who, when, why (REV-2). */
export function ListingHistory(props: {
  history: ListingHistoryEntry[];
  specNames?: Record<string, string>;
}) {
  const { history, specNames } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const locale = useLocale();
  const classes = useStyles();
  if (history.length === 0) {
    return (
      <Text as="p" color="secondary">
        {t('listing.noHistory')}
      </Text>
    );
  }
  return (
    <ol className={classes.timeline} aria-label={t('listing.historyTitle')}>
      {[...history].reverse().map(entry => (
        <li key={entry.id} className={classes.entry}>
          <Flex direction="column" gap="1">
            <Text variant="body-medium" weight="bold">
              {t('listing.historyEntry', {
                action: listingActionLabel(t, entry.action),
                actor: actorName(entry.actorRef),
              })}
            </Text>
            <Text variant="body-small" color="secondary">
              <time dateTime={entry.at}>
                {formatDateTime(entry.at, locale)}
              </time>
              {' · '}
              {t('listing.historyTransition', {
                from: t(`listingState.${entry.from}`),
                to: t(`listingState.${entry.to}`),
              })}
              {entry.specId
                ? ` · ${t('listing.historySpec', {
                    spec: specNames?.[entry.specId] ?? entry.specId,
                  })}`
                : ''}
            </Text>
            {entry.reason && (
              <Text variant="body-small">
                {entry.action === 'approve'
                  ? t('listing.comment', { comment: entry.reason })
                  : t('listing.reason', { reason: entry.reason })}
              </Text>
            )}
            {entry.flaggedFields.length > 0 && (
              <Text variant="body-small" color="danger">
                {t('listing.flaggedFields', {
                  fields: entry.flaggedFields
                    .map(field => reviewFieldLabel(t, field, specNames))
                    .join(', '),
                })}
              </Text>
            )}
          </Flex>
        </li>
      ))}
    </ol>
  );
}
