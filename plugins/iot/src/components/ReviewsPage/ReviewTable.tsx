import { useRouteRef, useTranslationRef } from '@backstage/frontend-plugin-api';
import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Text } from '@backstage/ui';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type { IotReviewSummary } from '@internal/backstage-plugin-iot-common';
import { formatDateTime } from '../../lib/format';
import { useLocale } from '../../lib/useLocale';
import { reviewRouteRef } from '../../routes';
import { iotTranslationRef } from '../../translation';
import { actorName } from '../ListingContent';
import { StatusChip } from '../StatusChip';
import { reviewDecisionChip, reviewKindLabel } from './reviewLabels';

/** The queue (REV-1): each listing name opens its review. */
export function ReviewTable(props: { reviews: IotReviewSummary[] }) {
  const { reviews } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const locale = useLocale();
  const reviewLink = useRouteRef(reviewRouteRef);
  return (
    <Table size="small" aria-label={t('reviewQueue.title')}>
      <TableHead>
        <TableRow>
          <TableCell>{t('reviewQueue.listing')}</TableCell>
          <TableCell>{t('reviewQueue.owner')}</TableCell>
          <TableCell>{t('reviewQueue.kind')}</TableCell>
          <TableCell align="right">{t('reviewQueue.specs')}</TableCell>
          <TableCell>{t('reviewQueue.submitted')}</TableCell>
          <TableCell>{t('reviewQueue.decision')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {reviews.map(review => {
          const chip = reviewDecisionChip(t, review.status);
          return (
            <TableRow key={review.id}>
              <TableCell component="th" scope="row">
                {reviewLink ? (
                  <Link to={reviewLink({ reviewId: review.id })}>
                    {review.listingName}
                  </Link>
                ) : (
                  review.listingName
                )}
                {review.appName !== review.listingName && (
                  <Text as="div" variant="body-x-small" color="secondary">
                    {review.appName}
                  </Text>
                )}
              </TableCell>
              <TableCell>
                <EntityRefLink entityRef={review.owner} defaultKind="group" />
              </TableCell>
              <TableCell>
                {reviewKindLabel(t, review)}
                <Text as="div" variant="body-x-small" color="secondary">
                  {t('reviewQueue.round', { round: String(review.round) })}
                </Text>
              </TableCell>
              <TableCell align="right">{review.specIds.length}</TableCell>
              <TableCell>
                {t('reviewQueue.byActor', {
                  at: formatDateTime(review.submittedAt, locale),
                  actor: actorName(review.submittedBy),
                })}
              </TableCell>
              <TableCell>
                <StatusChip label={chip.label} tone={chip.tone} />
                {review.decidedBy && review.decidedAt && (
                  <Text as="div" variant="body-x-small" color="secondary">
                    {t('reviewQueue.byActor', {
                      at: formatDateTime(review.decidedAt, locale),
                      actor: actorName(review.decidedBy),
                    })}
                  </Text>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
