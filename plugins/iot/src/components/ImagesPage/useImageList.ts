import { useApi } from '@backstage/frontend-plugin-api';
import { useCallback } from 'react';
import type { ImageListItem } from '@internal/backstage-plugin-iot-common';
import { iotApiRef } from '../../api';
import type { ListImagesRequest } from '../../api';
import { PagedListState, usePagedList } from '../../lib/usePagedList';

/** Images per request; "Load more" fetches the next page by cursor. */
export const IMAGES_PAGE_SIZE = 20;

/** The pages of `GET /images` for one query, loaded one after another. */
export function useImageList(
  query: Pick<ListImagesRequest, 'name' | 'status'>,
): PagedListState<ImageListItem> {
  const iotApi = useApi(iotApiRef);
  const { name, status } = query;
  const fetchPage = useCallback(
    (cursor: string | undefined) =>
      iotApi.listImages({
        name: name || undefined,
        status,
        limit: IMAGES_PAGE_SIZE,
        cursor,
      }),
    [iotApi, name, status],
  );
  return usePagedList(fetchPage);
}
