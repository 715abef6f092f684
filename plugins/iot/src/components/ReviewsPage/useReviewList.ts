import { useApi } from '@backstage/frontend-plugin-api';
import type { IotReviewSummary } from '@internal/backstage-plugin-iot-common';
import { useCallback } from 'react';
import { iotApiRef, type ListReviewsRequest } from '../../api';
import { PagedListState, usePagedList } from '../../lib/usePagedList';

/** Submissions per request; "Load more" fetches the next page by cursor. */
export const REVIEWS_PAGE_SIZE = 25;

/** The pages of `GET /reviews` for one query, oldest submission first. */
export function useReviewList(
  query: Pick<ListReviewsRequest, 'q' | 'status' | 'update'>,
): PagedListState<IotReviewSummary> {
  const iotApi = useApi(iotApiRef);
  const { q, status, update } = query;
  const fetchPage = useCallback(
    (cursor: string | undefined) =>
      iotApi.listReviews({
        q: q || undefined,
        status,
        update,
        limit: REVIEWS_PAGE_SIZE,
        cursor,
      }),
    [iotApi, q, status, update],
  );
  return usePagedList(fetchPage);
}
