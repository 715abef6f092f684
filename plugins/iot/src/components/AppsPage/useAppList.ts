import { useApi } from '@backstage/frontend-plugin-api';
import { useCallback } from 'react';
import type { IotAppItem } from '@internal/backstage-plugin-iot-common';
import { iotApiRef } from '../../api';
import type { ListAppsRequest } from '../../api';
import { PagedListState, usePagedList } from '../../lib/usePagedList';

/** Apps per request; "Load more" fetches the next page by cursor. */
export const APPS_PAGE_SIZE = 20;

/** The pages of `GET /apps` for one query, loaded one after another. */
export function useAppList(
  query: Pick<ListAppsRequest, 'name' | 'reviewStatus'>,
): PagedListState<IotAppItem> {
  const iotApi = useApi(iotApiRef);
  const { name, reviewStatus } = query;
  const fetchPage = useCallback(
    (cursor: string | undefined) =>
      iotApi.listApps({
        name: name || undefined,
        reviewStatus,
        limit: APPS_PAGE_SIZE,
        cursor,
      }),
    [iotApi, name, reviewStatus],
  );
  return usePagedList(fetchPage);
}
