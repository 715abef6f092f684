import { Button, Flex, Text } from '@backstage/ui';
import { Progress } from '@backstage/core-components';
import { ReactNode } from 'react';
import type { PagedListState } from '../../lib/usePagedList';

/** "Load more" under a paged list, pending while the next page loads. */
export function LoadMoreButton(props: {
  list: Pick<PagedListState<unknown>, 'loadingMore' | 'loadMore'>;
  label: string;
}) {
  const { list, label } = props;
  return (
    <Flex justify="center">
      <Button
        variant="secondary"
        isPending={list.loadingMore}
        onPress={list.loadMore}
      >
        {label}
      </Button>
    </Flex>
  );
}

/**
 * The body of a list page under its filters (its load failure is the
 * page's to show): progress while the first page loads, `empty` when
 * nothing came, the items as `children` draw them, and "Load more" while
 * there are more.
 */
export function PagedList<T>(props: {
  list: PagedListState<T>;
  /** What to say when the list is empty, e.g. what to do next. */
  empty: ReactNode;
  loadMoreLabel: string;
  children: ReactNode;
}) {
  const { list, empty, loadMoreLabel, children } = props;
  return (
    <>
      {list.loading && <Progress />}
      {!list.loading && list.error === undefined && list.items.length === 0 && (
        <Text as="p" color="secondary">
          {empty}
        </Text>
      )}
      {list.items.length > 0 && children}
      {list.hasMore && !list.loading && (
        <LoadMoreButton list={list} label={loadMoreLabel} />
      )}
    </>
  );
}
