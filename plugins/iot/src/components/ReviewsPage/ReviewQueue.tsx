import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Card,
  CardBody,
  CardHeader,
  Container,
  Flex,
  Text,
} from '@backstage/ui';
import { iotReviewDecidePermission } from '@internal/backstage-plugin-iot-common';
import { useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { errorMessage, isNotAllowed } from '../../lib/errors';
import { iotTranslationRef } from '../../translation';
import {
  DEFAULT_REVIEW_FILTERS,
  ReviewFilterValues,
  ReviewFilters,
} from './ReviewFilters';
import { ReviewTable } from './ReviewTable';
import { useReviewList } from './useReviewList';
import { LoadFailedAlert } from '../LoadFailedAlert';
import { NotAllowedAlert } from '../NotAllowedAlert';
import { PagedList } from '../PagedList';

/** Typing in the search box queries the server once the user pauses. */
const SEARCH_DELAY_MS = 300;

/**
 * The review queue (REV-1): what waits for a reviewer, oldest first, with
 * search, decision and first listing / new version filters. The server
 * filters by `iot.review.read`: reviewers see every submission, ISVs their
 * own group's, others are refused (403), which the page says plainly.
 */
export function ReviewQueue() {
  const { t } = useTranslationRef(iotTranslationRef);
  const [filters, setFilters] = useState<ReviewFilterValues>(
    DEFAULT_REVIEW_FILTERS,
  );
  const [query, setQuery] = useState<ReviewFilterValues>(filters);
  const list = useReviewList({
    q: query.q.trim(),
    status: query.status,
    update: query.update,
  });
  // The server decides; this only explains to ISVs why they cannot.
  const canDecide = usePermission({ permission: iotReviewDecidePermission });

  useDebounce(
    () => setQuery(filters),
    filters.q === query.q ? 0 : SEARCH_DELAY_MS,
    [filters],
  );

  if (list.error !== undefined && isNotAllowed(list.error)) {
    return (
      <Container my="4">
        <NotAllowedAlert
          title={t('reviewQueue.notAllowedTitle')}
          explanation={t('reviewQueue.notAllowed')}
          error={list.error}
        />
      </Container>
    );
  }

  const filtered =
    query.q.trim() !== '' ||
    query.status !== DEFAULT_REVIEW_FILTERS.status ||
    query.update !== undefined;

  return (
    <Container my="4">
      <Card>
        <CardHeader>
          <Text as="h2" variant="title-small">
            {t('reviewQueue.title')}
          </Text>
        </CardHeader>
        <CardBody>
          <Flex direction="column" gap="3">
            <Text as="p" color="secondary">
              {t('reviewQueue.intro')}
            </Text>
            {!canDecide.loading && !canDecide.allowed && (
              <Text as="p" color="secondary">
                {t('reviewQueue.isvNote')}
              </Text>
            )}
            <ReviewFilters value={filters} onChange={setFilters} />
            {list.error !== undefined && (
              <LoadFailedAlert
                title={t('reviewQueue.loadFailed', {
                  message: errorMessage(list.error),
                })}
                onRetry={list.reload}
              />
            )}
            <PagedList
              list={list}
              empty={
                filtered ? t('reviewQueue.noMatch') : t('reviewQueue.empty')
              }
              loadMoreLabel={t('reviewQueue.loadMore')}
            >
              <ReviewTable reviews={list.items} />
            </PagedList>
          </Flex>
        </CardBody>
      </Card>
    </Container>
  );
}
