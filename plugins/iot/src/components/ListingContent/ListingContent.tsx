import { Link, Progress } from '@backstage/core-components';
import {
  useApi,
  useRouteRef,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  Alert,
  Button,
  Card,
  CardBody,
  CardHeader,
  Flex,
  Text,
} from '@backstage/ui';
import type {
  IotAppEntity,
  IotAppListing,
  IotReviewSummary,
} from '@internal/backstage-plugin-iot-common';
import { useId, useMemo, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { iotApiRef } from '../../api';
import { errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useLocale } from '../../lib/useLocale';
import { reviewRouteRef } from '../../routes';
import { iotTranslationRef } from '../../translation';
import { StatusChip } from '../StatusChip';
import { ListingHistory } from './ListingHistory';
import { actorName, listingStateChip, reviewFieldLabel } from './listingLabels';
import { SubmitListingDialog } from './SubmitListingDialog';
import { UnlistDialog } from './UnlistDialog';

/** Label of the submit button: first submission, resubmission or new version. */
function submitLabelKey(listing: IotAppListing) {
  if (listing.state === 'listed') {
    return 'listing.submitUpdate' as const;
  }
  return listing.state === 'draft'
    ? ('listing.submit' as const)
    : ('listing.resubmit' as const);
}

/**
 * The "Listing" tab of an app's catalog page (SPEC-9, REV-1..3): the
 * listing state, the submission waiting for a reviewer or the listing on
 * the marketplace, the last rejection with its reason and flagged fields,
 * the history, "Submit for review" and "Unlist" as `listing.can` allows.
 */
export function ListingContent() {
  const { t } = useTranslationRef(iotTranslationRef);
  const locale = useLocale();
  const { entity } = useEntity<IotAppEntity>();
  const iotApi = useApi(iotApiRef);
  const reviewLink = useRouteRef(reviewRouteRef);
  const appId = entity.metadata.name;
  const appName = entity.metadata.title ?? appId;
  const listing = useAsyncRetry(
    () => iotApi.getListing(appId),
    [iotApi, appId],
  );
  const specs = useAsyncRetry(
    () => iotApi.listSpecs(appId).then(r => r.items),
    [iotApi, appId],
  );
  const [submitting, setSubmitting] = useState(false);
  /** The unlist dialog: of the app, or of one listed spec. */
  const [unlisting, setUnlisting] = useState<{ specId?: string }>();
  const [notice, setNotice] = useState<string>();

  const specNames = useMemo(
    () =>
      Object.fromEntries(
        (specs.value ?? []).map(spec => [spec.id, spec.name] as const),
      ),
    [specs.value],
  );

  const onSubmitted = (review: IotReviewSummary) => {
    setSubmitting(false);
    setNotice(t('listing.submitted', { name: review.listingName }));
    listing.retry();
  };

  const unlistSpecId = unlisting?.specId;
  const unlist = async (reason: string) => {
    await iotApi.unlistApp(appId, { reason, specId: unlistSpecId });
    setUnlisting(undefined);
    setNotice(
      unlistSpecId
        ? t('listing.specUnlisted', {
            spec: specNames[unlistSpecId] ?? unlistSpecId,
          })
        : t('listing.unlisted'),
    );
    listing.retry();
  };

  const value = listing.value;
  const chip = value ? listingStateChip(t, value.state) : undefined;
  const rejection = value?.lastRejection;
  const rejectionEntry = rejection
    ? [...(value?.history ?? [])]
        .reverse()
        .find(
          entry => entry.action === 'reject' && entry.reviewId === rejection.id,
        )
    : undefined;

  return (
    <Card>
      <CardHeader>
        <Flex justify="between" align="center" gap="3">
          <Flex align="center" gap="2">
            <Text as="h2" variant="title-small">
              {t('listing.title')}
            </Text>
            {chip && (
              <span aria-label={t('listing.state')}>
                <StatusChip label={chip.label} tone={chip.tone} />
              </span>
            )}
          </Flex>
          {value && (
            <Flex gap="2">
              {value.can.unlist && (
                <Button
                  variant="secondary"
                  destructive
                  onPress={() => setUnlisting({})}
                >
                  {t('listing.unlist')}
                </Button>
              )}
              {value.can.submit && (
                <Button variant="primary" onPress={() => setSubmitting(true)}>
                  {t(submitLabelKey(value))}
                </Button>
              )}
            </Flex>
          )}
        </Flex>
      </CardHeader>
      <CardBody>
        <Flex direction="column" gap="3">
          {listing.loading && !value && <Progress />}
          {listing.error && (
            <Alert
              role="alert"
              status="danger"
              icon
              title={t('listing.loadFailed')}
              description={errorMessage(listing.error)}
            />
          )}
          {notice && (
            <Alert role="status" status="success" icon title={notice} />
          )}
          {value && (
            <>
              {value.state === 'draft' && (
                <Text as="p">{t('listing.neverSubmitted')}</Text>
              )}
              {!value.can.submit && value.actions.includes('submit') && (
                <Text as="p" color="secondary">
                  {t('listing.readOnly')}
                </Text>
              )}
              {value.listed && (
                <ListedSpecs
                  listed={value.listed}
                  specNames={specNames}
                  // the server refuses to unlist the last listed spec
                  mayUnlistSpec={
                    value.can.unlist && value.listed.specIds.length > 1
                  }
                  onUnlistSpec={specId => setUnlisting({ specId })}
                />
              )}
              {value.pending && (
                <Alert
                  status="info"
                  icon
                  // a new version does not take the listing off the marketplace
                  title={t(
                    value.state === 'listed-update-in-review'
                      ? 'listing.pendingUpdate'
                      : 'listing.pending',
                    {
                      round: String(value.pending.round),
                      at: formatDateTime(value.pending.submittedAt, locale),
                    },
                  )}
                  customActions={
                    reviewLink && (
                      <Link to={reviewLink({ reviewId: value.pending.id })}>
                        {t('listing.openReview')}
                      </Link>
                    )
                  }
                />
              )}
              {rejection && (
                <Alert
                  status="danger"
                  icon
                  title={t('listing.lastRejectionTitle', {
                    actor: actorName(
                      rejection.decidedBy ?? rejectionEntry?.actorRef,
                    ),
                    at: formatDateTime(
                      rejection.decidedAt ?? rejectionEntry?.at ?? '',
                      locale,
                    ),
                  })}
                  description={
                    <Flex direction="column" gap="1">
                      {rejection.reason && (
                        <span>
                          {t('listing.reason', { reason: rejection.reason })}
                        </span>
                      )}
                      {rejection.flaggedFields.length > 0 && (
                        <span>
                          {t('listing.flaggedFields', {
                            fields: rejection.flaggedFields
                              .map(field =>
                                reviewFieldLabel(t, field, specNames),
                              )
                              .join(', '),
                          })}
                        </span>
                      )}
                    </Flex>
                  }
                />
              )}
              <Text as="h3" variant="title-x-small">
                {t('listing.historyTitle')}
              </Text>
              <ListingHistory history={value.history} specNames={specNames} />
              <SubmitListingDialog
                open={submitting}
                appId={appId}
                appName={appName}
                listing={value}
                onSubmitted={onSubmitted}
                onClose={() => setSubmitting(false)}
              />
              <UnlistDialog
                open={unlisting !== undefined}
                appName={appName}
                specName={
                  unlistSpecId
                    ? specNames[unlistSpecId] ?? unlistSpecId
                    : undefined
                }
                onConfirm={unlist}
                onClose={() => setUnlisting(undefined)}
              />
            </>
          )}
        </Flex>
      </CardBody>
    </Card>
  );
}

/** What is on the marketplace: the listing's name, date and summary, and its specs (REV-2, REV-3). */
function ListedSpecs(props: {
  listed: NonNullable<IotAppListing['listed']>;
  specNames: Record<string, string>;
  mayUnlistSpec: boolean;
  onUnlistSpec: (specId: string) => void;
}) {
  const { listed, specNames, mayUnlistSpec, onUnlistSpec } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const listId = useId();
  const locale = useLocale();
  return (
    <Flex direction="column" gap="2">
      <Text as="p">
        {t('listing.listedSince', {
          name: listed.review.listingName,
          at: formatDateTime(
            listed.review.decidedAt ?? listed.review.submittedAt,
            locale,
          ),
        })}
      </Text>
      <Text as="p">
        {t('listing.listedSummary', { summary: listed.review.summary })}
      </Text>
      <Text as="h3" variant="body-medium" weight="bold" id={listId}>
        {t('listing.listedSpecs')}
      </Text>
      <ul aria-labelledby={listId} style={{ margin: 0 }}>
        {listed.specIds.map(specId => {
          const name = specNames[specId] ?? specId;
          return (
            <li key={specId}>
              <Flex align="center" gap="2">
                <Text>{name}</Text>
                {mayUnlistSpec && (
                  <Button
                    variant="tertiary"
                    size="small"
                    destructive
                    aria-label={t('listing.unlistSpecNamed', { spec: name })}
                    onPress={() => onUnlistSpec(specId)}
                  >
                    {t('listing.unlistSpec')}
                  </Button>
                )}
              </Flex>
            </li>
          );
        })}
      </ul>
    </Flex>
  );
}
