import { useApi } from '@backstage/frontend-plugin-api';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImageListItem } from '@internal/backstage-plugin-iot-common';
import { iotApiRef } from '../../api';
import type { ListImagesRequest } from '../../api';

/** Images per request; "Load more" fetches the next page by cursor. */
export const IMAGES_PAGE_SIZE = 20;

export type ImageListState = {
  items: ImageListItem[];
  /** The first page is loading (at start, after a filter change or reload). */
  loading: boolean;
  /** Another page is loading. */
  loadingMore: boolean;
  error?: unknown;
  hasMore: boolean;
  loadMore: () => void;
  /** Loads the first page again, e.g. after an upload or a delete. */
  reload: () => void;
};

/** The pages of `GET /images` for one query, loaded one after another. */
export function useImageList(
  query: Pick<ListImagesRequest, 'name' | 'status'>,
): ImageListState {
  const iotApi = useApi(iotApiRef);
  const { name, status } = query;
  const [items, setItems] = useState<ImageListItem[]>([]);
  const [cursor, setCursor] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>();
  const [generation, setGeneration] = useState(0);
  // Answers to superseded requests (older query, earlier reload) are dropped.
  const latestRequest = useRef(0);

  const fetchPage = useCallback(
    async (pageCursor: string | undefined, append: boolean) => {
      const request = ++latestRequest.current;
      if (append) {
        setLoadingMore(true);
      } else {
        setLoading(true);
      }
      setError(undefined);
      try {
        const page = await iotApi.listImages({
          name: name || undefined,
          status,
          limit: IMAGES_PAGE_SIZE,
          cursor: pageCursor,
        });
        if (request === latestRequest.current) {
          setItems(previous =>
            append ? [...previous, ...page.items] : page.items,
          );
          setCursor(page.nextCursor ?? undefined);
        }
      } catch (e) {
        if (request === latestRequest.current) {
          setError(e);
        }
      } finally {
        if (request === latestRequest.current) {
          setLoading(false);
          setLoadingMore(false);
        }
      }
    },
    [iotApi, name, status],
  );

  useEffect(() => {
    fetchPage(undefined, false);
  }, [fetchPage, generation]);

  return {
    items,
    loading,
    loadingMore,
    error,
    hasMore: cursor !== undefined,
    loadMore: useCallback(() => {
      if (cursor !== undefined) {
        fetchPage(cursor, true);
      }
    }, [cursor, fetchPage]),
    reload: useCallback(() => setGeneration(g => g + 1), []),
  };
}
