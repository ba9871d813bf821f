// Search results: public videos matching some words, with sort, upload date and length filters, paged
// like a feed.
import { api, unwrap } from './client.js';
import { VIDEO_PAGE_SIZE, type VideoList } from './feeds.js';

export interface SearchFilters {
  q: string;
  sort: 'relevance' | 'date' | 'views';
  uploadedAfter?: string;
  minDuration?: number;
  maxDuration?: number;
}

const searchKeys = {
  results: (asWritten: readonly (string | null)[]) => ['search', ...asWritten] as const,
};

/**
 * The results of these filters. The cache key is the filters as the address writes them (`asWritten`), not
 * the dates computed from them, which move on with the clock.
 */
export function searchResults(filters: SearchFilters, asWritten: readonly (string | null)[]): VideoList {
  return {
    queryKey: searchKeys.results(asWritten),
    fetchPage: (cursor) =>
      unwrap(
        api.GET('/api/v1/search', { params: { query: { ...filters, cursor, limit: VIDEO_PAGE_SIZE } } }),
      ),
  };
}
