// One paged list of the administration: loading, error, empty, the rows, and "Load more" while pages remain.
import type { UseInfiniteQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.js';

interface PagedListProps<T> {
  query: UseInfiniteQueryResult<{ pages: { items: T[] }[] }>;
  /** Said when there is nothing to list. */
  empty: string;
  label: string;
  renderItem: (item: T) => ReactNode;
}

export function PagedList<T>({ query, empty, label, renderItem }: PagedListProps<T>) {
  if (query.isPending) return <p className="status">Loading…</p>;
  if (query.isError) return <ErrorNotice error={query.error} />;
  const items = query.data.pages.flatMap((page) => page.items);
  return (
    <>
      {items.length === 0 ? (
        <p className="status">{empty}</p>
      ) : (
        <ul className="admin-list" aria-label={label}>
          {items.map(renderItem)}
        </ul>
      )}
      {query.hasNextPage && (
        <button type="button" onClick={() => query.fetchNextPage()} disabled={query.isFetchingNextPage}>
          Load more
        </button>
      )}
    </>
  );
}
