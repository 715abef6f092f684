import { useCallback, useEffect, useRef, useState } from 'react';

/** One page of a list route: `{ items, nextCursor }`. */
export type Page<T> = { items: T[]; nextCursor?: string | null };

export type PagedListState<T> = {
  items: T[];
  /** The first page is loading (at start, after a query change or reload). */
  loading: boolean;
  /** Another page is loading. */
  loadingMore: boolean;
  error?: unknown;
  hasMore: boolean;
  loadMore: () => void;
  /** Loads the first page again, e.g. after an upload or a delete. */
  reload: () => void;
};

/**
 * The pages of a list route, loaded one after another with "Load more".
 * `fetchPage` (memoised by the caller) changes whenever the query does,
 * which starts again from the first page.
 */
export function usePagedList<T>(
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
): PagedListState<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>();
  const [generation, setGeneration] = useState(0);
  // Answers to superseded requests (older query, earlier reload) are dropped.
  const latestRequest = useRef(0);

  const load = useCallback(
    async (pageCursor: string | undefined, append: boolean) => {
      const request = ++latestRequest.current;
      if (append) {
        setLoadingMore(true);
      } else {
        setLoading(true);
      }
      setError(undefined);
      try {
        const page = await fetchPage(pageCursor);
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
    [fetchPage],
  );

  useEffect(() => {
    load(undefined, false);
  }, [load, generation]);

  return {
    items,
    loading,
    loadingMore,
    error,
    hasMore: cursor !== undefined,
    loadMore: useCallback(() => {
      if (cursor !== undefined) {
        load(cursor, true);
      }
    }, [cursor, load]),
    reload: useCallback(() => setGeneration(g => g + 1), []),
  };
}
