// Cursor paging, as every list of the API does it: the first page is asked for without a cursor, and each
// page names the cursor of the next (null on the last).
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type PageFetcher<P> = (cursor: string | undefined) => Promise<P>;

/** The paging options of an infinite query that reads its pages with this fetcher. */
export function cursorPaging<P extends { nextCursor: string | null }>(fetchPage: PageFetcher<P>) {
  return {
    queryFn: ({ pageParam }: { pageParam: string | undefined }) => fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page: P) => page.nextCursor ?? undefined,
  };
}
