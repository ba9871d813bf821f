// SQL for search over listed videos: full text on the weighted document, and, for short queries, titles
// that are close by trigrams (a misspelt word). Relevance is the text rank plus a small share of the
// title's trigram likeness, so an exact match always outranks a near miss.
import { type Expression, type SqlBool, sql } from 'kysely';
import type { VideoWithChannel } from '../../services/videos.js';
import { toVideoWithChannel, type VideoRepository } from './video.repository.js';

export type SearchSort = 'relevance' | 'date' | 'views';

export interface SearchQuery {
  /** Words as typed, lowercased; the last may be unfinished. */
  words: string[];
  /** Also match titles by trigram likeness. */
  fuzzy: boolean;
  sort: SearchSort;
  uploadedAfter?: Date;
  minDurationSeconds?: number;
  maxDurationSeconds?: number;
}

/** Where a page ended, in the order of the query's sort. */
export interface SearchPosition {
  rank: number;
  at: Date;
  id: string;
}

export interface SearchHit {
  video: VideoWithChannel;
  relevance: number;
}

/** Share of trigram likeness in relevance: below any title match's text rank. */
const FUZZY_WEIGHT = 0.05;

export class SearchRepository {
  constructor(private readonly videos: VideoRepository) {}

  async search(query: SearchQuery, limit: number, after?: SearchPosition): Promise<SearchHit[]> {
    // Every word must match; each one as a prefix, since the query may still be being typed.
    const tsquery = sql`to_tsquery('simple', ${query.words.map((word) => `${word}:*`).join(' & ')})`;
    const text = query.words.join(' ');
    const document = sql.ref('videos.search_document');
    const title = sql`lower(videos.title)`;
    const relevance = query.fuzzy
      ? sql<number>`(ts_rank(${document}, ${tsquery}) + ${FUZZY_WEIGHT} * word_similarity(${text}, ${title}))::float8`
      : sql<number>`ts_rank(${document}, ${tsquery})::float8`;
    const matches: Expression<SqlBool> = query.fuzzy
      ? sql<SqlBool>`(${document} @@ ${tsquery} OR ${text} <% ${title})`
      : sql<SqlBool>`${document} @@ ${tsquery}`;

    let select = this.videos
      .withChannel()
      .select(relevance.as('relevance'))
      .where('videos.state', '=', 'ready')
      .where('videos.visibility', '=', 'public')
      .where(matches);
    if (query.uploadedAfter) select = select.where('videos.published_at', '>=', query.uploadedAfter);
    if (query.minDurationSeconds !== undefined)
      select = select.where('videos.duration_seconds', '>=', query.minDurationSeconds);
    if (query.maxDurationSeconds !== undefined)
      select = select.where('videos.duration_seconds', '<=', query.maxDurationSeconds);

    // Relevance and views lead the order; then newest first, and the id breaks ties.
    const leading = { relevance, views: sql<number>`videos.view_count`, date: undefined }[query.sort];
    if (after) {
      select = select.where(
        leading
          ? sql<SqlBool>`(${leading}, videos.published_at, videos.id) < (${after.rank}, ${after.at}, ${after.id})`
          : sql<SqlBool>`(videos.published_at, videos.id) < (${after.at}, ${after.id})`,
      );
    }
    if (leading) select = select.orderBy(leading, 'desc');
    const rows = await select
      .orderBy('videos.published_at', 'desc')
      .orderBy('videos.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ video: toVideoWithChannel(row), relevance: row.relevance }));
  }
}
