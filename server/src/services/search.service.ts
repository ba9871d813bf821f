// Search over public, ready videos: every word typed must match title, channel or description (the last
// word as a prefix, as it may be unfinished); short queries also find titles with a misspelt word.
import type { SearchRepository, SearchSort } from '../adapters/db/search.repository.js';
import { type Page, readPage } from '../domain/page.js';
import type { VideoWithChannel } from '../domain/video.js';

export type { SearchSort };

export interface SearchRequest {
  text: string;
  sort: SearchSort;
  uploadedAfter?: Date;
  minDurationSeconds?: number;
  maxDurationSeconds?: number;
}

const MAX_WORDS = 10;
/** Misspellings are looked for in queries of up to this many words, of at least MIN_FUZZY_LENGTH letters. */
const MAX_FUZZY_WORDS = 2;
const MIN_FUZZY_LENGTH = 4;

export class SearchService {
  constructor(private readonly repository: SearchRepository) {}

  async search(request: SearchRequest, limit: number, cursor?: string): Promise<Page<VideoWithChannel>> {
    const words = wordsOf(request.text).slice(0, MAX_WORDS);
    if (words.length === 0) return { items: [], nextCursor: null };
    const fuzzy = words.length <= MAX_FUZZY_WORDS && words.join(' ').length >= MIN_FUZZY_LENGTH;
    const page = await readPage(
      cursor,
      limit,
      (count, after) =>
        this.repository.search(
          { ...request, words, fuzzy },
          count,
          after && { rank: after.rank ?? 0, at: after.at, id: after.id },
        ),
      ({ video, relevance }) => ({
        at: video.publishedAt ?? video.createdAt,
        id: video.id,
        rank: request.sort === 'relevance' ? relevance : video.counts.views,
      }),
    );
    return { items: page.items.map((hit) => hit.video), nextCursor: page.nextCursor };
  }
}

/** The words of a text as search matches them: lowercased letters and digits, nothing else. */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}
