import { Link, Progress } from '@backstage/core-components';
import {
  useApi,
  useRouteRef,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Card, CardBody, CardHeader, Flex, Text } from '@backstage/ui';
import type {
  IotAppEntity,
  IotAppListing,
} from '@internal/backstage-plugin-iot-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { iotApiRef } from '../../api';
import { errorMessage, isNotAllowed } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useLocale } from '../../lib/useLocale';
import { reviewRouteRef } from '../../routes';
import { iotTranslationRef } from '../../translation';
import { actorName, listingActionLabel } from '../ListingContent';
import { LoadFailedAlert } from '../LoadFailedAlert';
import { NotAllowedAlert } from '../NotAllowedAlert';
import { ReviewSubmission } from '../ReviewDetail';

/**
 * The "Review" tab of an app's catalog page (REV-1..3): the submission
 * waiting for a reviewer, read and decided as on the Reviews page, or, when
 * none waits, that nothing is in review with a link to the latest decided
 * one. What the caller sees is what `GET /apps/{appId}/listing` and
 * `GET /reviews/{reviewId}` allow: reviewers decide, the owning ISV reads
 * its submission, others are told the server's refusal.
 */
export function ReviewContent() {
  const { t } = useTranslationRef(iotTranslationRef);
  const { entity } = useEntity<IotAppEntity>();
  const iotApi = useApi(iotApiRef);
  const appId = entity.metadata.name;
  const listing = useAsyncRetry(
    () => iotApi.getListing(appId),
    [iotApi, appId],
  );

  if (listing.error !== undefined) {
    if (isNotAllowed(listing.error)) {
      return (
        <NotAllowedAlert
          title={t('reviewTab.notAllowedTitle')}
          explanation={t('reviewTab.notAllowed')}
          error={listing.error}
        />
      );
    }
    return (
      <LoadFailedAlert
        title={t('reviewTab.loadFailed', {
          message: errorMessage(listing.error),
        })}
        onRetry={listing.retry}
      />
    );
  }
  if (!listing.value) {
    return <Progress />;
  }
  const { pending } = listing.value;
  if (pending) {
    return <ReviewSubmission key={pending.id} reviewId={pending.id} />;
  }
  return <NothingInReview listing={listing.value} />;
}

/** No submission waits: say so, and link the latest decided review. */
function NothingInReview(props: { listing: IotAppListing }) {
  const { t } = useTranslationRef(iotTranslationRef);
  const locale = useLocale();
  const reviewLink = useRouteRef(reviewRouteRef);
  const latest = [...props.listing.history]
    .reverse()
    .find(
      entry =>
        (entry.action === 'approve' || entry.action === 'reject') &&
        entry.reviewId,
    );

  return (
    <Card>
      <CardHeader>
        <Text as="h2" variant="title-small">
          {t('reviewTab.nothingTitle')}
        </Text>
      </CardHeader>
      <CardBody>
        <Flex direction="column" gap="3">
          <Text as="p">{t('reviewTab.nothing')}</Text>
          {latest?.reviewId ? (
            <Flex align="center" gap="2" style={{ flexWrap: 'wrap' }}>
              <Text as="p">
                {t('reviewTab.latest', {
                  decision: listingActionLabel(t, latest.action),
                  actor: actorName(latest.actorRef),
                  at: formatDateTime(latest.at, locale),
                })}
              </Text>
              {reviewLink && (
                <Link to={reviewLink({ reviewId: latest.reviewId })}>
                  {t('reviewTab.openLatest')}
                </Link>
              )}
            </Flex>
          ) : (
            <Text as="p" color="secondary">
              {t('reviewTab.noDecision')}
            </Text>
          )}
        </Flex>
      </CardBody>
    </Card>
  );
}
