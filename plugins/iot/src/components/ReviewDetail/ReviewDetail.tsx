import { Link, Progress } from '@backstage/core-components';
import {
  useApi,
  useRouteRef,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Alert,
  Button,
  Card,
  CardBody,
  CardHeader,
  Container,
  Flex,
  Text,
} from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import ArrowBackIcon from '@material-ui/icons/ArrowBack';
import {
  LISTING_IMAGE_FIELDS,
  iotReviewDecidePermission,
  type IotReviewItem,
  type ReviewField,
} from '@internal/backstage-plugin-iot-common';
import { ReactNode, useId, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { iotApiRef } from '../../api';
import { errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useLocale } from '../../lib/useLocale';
import { reviewsRouteRef } from '../../routes';
import { iotTranslationRef } from '../../translation';
import { Field, FieldList } from '../FieldList';
import {
  actorName,
  ListingHistory,
  listingStateChip,
  reviewFieldLabel,
} from '../ListingContent';
import {
  reviewDecisionChip,
  reviewKindLabel,
} from '../ReviewsPage/reviewLabels';
import { LoadFailedAlert } from '../LoadFailedAlert';
import { StatusChip } from '../StatusChip';
import { ApproveDialog } from './ApproveDialog';
import { RejectDialog } from './RejectDialog';
import { ReviewChanges } from './ReviewChanges';
import { ReviewImage } from './ReviewImage';
import { SubmittedSpecs } from './SubmittedSpecs';

const useStyles = makeStyles(theme => ({
  pictures: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(3),
    alignItems: 'flex-start',
  },
}));

function Section(props: { title: string; children: ReactNode }) {
  const titleId = useId();
  return (
    <section aria-labelledby={titleId}>
      <Card>
        <CardHeader>
          <Text as="h3" id={titleId} variant="title-x-small">
            {props.title}
          </Text>
        </CardHeader>
        <CardBody>{props.children}</CardBody>
      </Card>
    </section>
  );
}

/**
 * A review's page at `/iot/reviews/{reviewId}`: a link back to the queue,
 * then the submission ({@link ReviewSubmission}).
 */
export function ReviewDetail(props: { reviewId: string }) {
  const { t } = useTranslationRef(iotTranslationRef);
  const queueLink = useRouteRef(reviewsRouteRef);
  return (
    <Container my="4">
      <Flex direction="column" gap="4">
        {queueLink && (
          <Link to={queueLink()}>
            <Flex align="center" gap="1">
              <ArrowBackIcon fontSize="small" aria-hidden />
              {t('reviewDetail.back')}
            </Flex>
          </Link>
        )}
        <ReviewSubmission reviewId={props.reviewId} />
      </Flex>
    </Container>
  );
}

/**
 * One submission for a reviewer (REV-1..3): who submitted what and when,
 * the listing fields and pictures, the specs as submitted with their
 * deployment test, what changed since the app's previous decided
 * submission, the listing's history, and Approve / Reject (with
 * confirmation; a rejection needs a reason and may flag fields). The
 * Reviews page and the app's Review tab both show it.
 */
export function ReviewSubmission(props: { reviewId: string }) {
  const { reviewId } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const iotApi = useApi(iotApiRef);
  const review = useAsyncRetry(
    () => iotApi.getReview(reviewId),
    [iotApi, reviewId],
  );

  if (review.error) {
    return (
      <LoadFailedAlert
        title={t('reviewDetail.loadFailed', {
          message: errorMessage(review.error),
        })}
        onRetry={review.retry}
      />
    );
  }
  if (!review.value) {
    return <Progress />;
  }
  return (
    <Flex direction="column" gap="4">
      <ReviewDetails review={review.value} onDecided={review.retry} />
    </Flex>
  );
}

function ReviewDetails(props: {
  review: IotReviewItem;
  onDecided: () => void;
}) {
  const { review, onDecided } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const locale = useLocale();
  const classes = useStyles();
  const iotApi = useApi(iotApiRef);
  const listing = useAsyncRetry(
    () => iotApi.getListing(review.appId),
    [iotApi, review.appId, review.status],
  );
  // The server decides (and refuses a reviewer of the app's own group);
  // this only spares ISVs buttons that cannot work for them.
  const canDecide = usePermission({ permission: iotReviewDecidePermission });
  const [deciding, setDeciding] = useState<'approve' | 'reject'>();
  const [notice, setNotice] = useState<string>();

  const specNames = Object.fromEntries(
    review.specs.map(spec => [spec.id, spec.name] as const),
  );
  const flagged = new Set<ReviewField>(review.flaggedFields);
  const chip = reviewDecisionChip(t, review.status);
  const state = listingStateChip(t, review.listingState);
  const pending = review.status === 'pending';
  const mayDecide = pending && !canDecide.loading && canDecide.allowed;

  const decided = (message: string) => {
    setDeciding(undefined);
    setNotice(message);
    onDecided();
  };

  return (
    <>
      <Card>
        <CardHeader>
          <Flex
            justify="between"
            align="center"
            gap="3"
            style={{ flexWrap: 'wrap' }}
          >
            <Flex align="center" gap="2">
              <Text as="h2" variant="title-small">
                {review.listingName}
              </Text>
              <StatusChip label={chip.label} tone={chip.tone} />
            </Flex>
            {mayDecide && (
              <Flex gap="2">
                <Button
                  variant="secondary"
                  destructive
                  onPress={() => setDeciding('reject')}
                >
                  {t('reviewDetail.reject')}
                </Button>
                <Button
                  variant="primary"
                  onPress={() => setDeciding('approve')}
                >
                  {t('reviewDetail.approve')}
                </Button>
              </Flex>
            )}
          </Flex>
        </CardHeader>
        <CardBody>
          <Flex direction="column" gap="3">
            {notice && (
              <Alert role="status" status="success" icon title={notice} />
            )}
            {pending && !canDecide.loading && !canDecide.allowed && (
              <Text as="p" color="secondary">
                {t('reviewDetail.notReviewer')}
              </Text>
            )}
            <FieldList>
              <Field label={t('fields.app')}>
                <EntityRefLink
                  entityRef={review.entityRef}
                  title={review.appName}
                />
              </Field>
              <Field label={t('fields.owner')}>
                <EntityRefLink entityRef={review.owner} defaultKind="group" />
              </Field>
              <Field label={t('reviewDetail.submission')}>
                {t('reviewDetail.submissionValue', {
                  round: String(review.round),
                  kind: reviewKindLabel(t, review),
                })}
              </Field>
              <Field label={t('reviewDetail.submitted')}>
                {t('reviewQueue.byActor', {
                  at: formatDateTime(review.submittedAt, locale),
                  actor: actorName(review.submittedBy),
                })}
              </Field>
              <Field label={t('reviewDetail.listingState')}>
                <StatusChip label={state.label} tone={state.tone} />
              </Field>
              {review.decidedAt && (
                <Field label={t('reviewDetail.decided')}>
                  {t('reviewQueue.byActor', {
                    at: formatDateTime(review.decidedAt, locale),
                    actor: actorName(review.decidedBy),
                  })}
                </Field>
              )}
              {review.reason && (
                <Field
                  label={
                    review.status === 'rejected'
                      ? t('reviewDetail.reason')
                      : t('reviewDetail.comment')
                  }
                  wide
                >
                  {review.reason}
                </Field>
              )}
              {review.flaggedFields.length > 0 && (
                <Field label={t('reviewDetail.flaggedFields')} wide>
                  {review.flaggedFields
                    .map(field => reviewFieldLabel(t, field, specNames))
                    .join(', ')}
                </Field>
              )}
            </FieldList>
          </Flex>
        </CardBody>
      </Card>

      <Section title={t('reviewDetail.listingTitle')}>
        <Flex direction="column" gap="3">
          <FieldList>
            <Field label={t('reviewField.listingName')}>
              {review.listingName}
            </Field>
            <Field label={t('reviewField.summary')} wide>
              {review.summary}
            </Field>
          </FieldList>
          <div className={classes.pictures}>
            {LISTING_IMAGE_FIELDS.map(field => (
              <ReviewImage
                key={field}
                reviewId={review.id}
                round={review.round}
                image={review[field]}
              />
            ))}
          </div>
        </Flex>
      </Section>

      <Section title={t('reviewDetail.specsTitle')}>
        <SubmittedSpecs specs={review.specs} flagged={flagged} />
      </Section>

      <Section
        title={
          review.previous
            ? t('reviewDetail.changesTitle', {
                round: String(review.previous.round),
              })
            : t('reviewDetail.changes')
        }
      >
        <ReviewChanges review={review} />
      </Section>

      <Section title={t('reviewDetail.historyTitle')}>
        {listing.error && (
          <Alert
            role="alert"
            status="danger"
            icon
            title={t('reviewDetail.historyFailed', {
              message: errorMessage(listing.error),
            })}
          />
        )}
        {listing.loading && !listing.value && <Progress />}
        {listing.value && (
          <ListingHistory
            history={listing.value.history}
            specNames={specNames}
          />
        )}
      </Section>

      <ApproveDialog
        open={deciding === 'approve'}
        review={review}
        onApproved={() =>
          decided(t('reviewDetail.approved', { name: review.listingName }))
        }
        onClose={() => setDeciding(undefined)}
      />
      <RejectDialog
        open={deciding === 'reject'}
        review={review}
        onRejected={() => decided(t('reviewDetail.rejected'))}
        onClose={() => setDeciding(undefined)}
      />
    </>
  );
}
