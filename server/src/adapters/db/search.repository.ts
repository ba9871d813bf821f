// SQL for search over listed videos: full text on the weighted document, and, for short queries, titles
// that are close by trigrams (a misspelt word). Relevance is the text rank plus a small share of the
// title's trigram likeness, so an exact match always outranks a near miss.
import { type Expression, type Kysely, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { VideoWithChannel } from '../../services/videos.js';
import type { Database } from './schema.js';
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
/** Relevance is ranked among this many matches, the most viewed: ranking every match of a common word
 * would read a tenth of the table. */
export const RANKED_CANDIDATES = 200;
/**
 * Up to this many matches are read to pick the most viewed; past it the words are common enough that
 * walking the most-viewed index finds them sooner (at worst 200 / 1.5% ≈ 13 000 rows).
 */
const PROBED_MATCHES = 15_000;
/** Misspellings are looked for only when the words as typed find fewer videos than this. */
const FEW_MATCHES = 20;
const FUZZY_CANDIDATES = 200;

type Listed = ReturnType<VideoRepository['withChannel']>;

export class SearchRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly videos: VideoRepository,
  ) {}

  async search(query: SearchQuery, limit: number, after?: SearchPosition): Promise<SearchHit[]> {
    // Every word must match; each one as a prefix, since the query may still be being typed.
    const tsquery = sql`to_tsquery('simple', ${query.words.map((word) => `${word}:*`).join(' & ')})`;
    const text = query.words.join(' ');
    const document = sql.ref('videos.search_document');
    const title = sql`lower(videos.title)`;
    const exact = sql<SqlBool>`${document} @@ ${tsquery}`;

    const exactMatches = await this.candidates(query, exact, RANKED_CANDIDATES);
    const fuzzy = query.fuzzy && exactMatches.ids.length < FEW_MATCHES;
    const fuzzyMatches = fuzzy
      ? await this.candidates(query, sql<SqlBool>`${text} <% ${title}`, FUZZY_CANDIDATES)
      : { ids: [], all: true };
    const ids = [...new Set([...exactMatches.ids, ...fuzzyMatches.ids])];
    if (ids.length === 0) return [];
    const relevance = fuzzy
      ? sql<number>`(ts_rank(${document}, ${tsquery}) + ${FUZZY_WEIGHT} * word_similarity(${text}, ${title}))::float8`
      : sql<number>`ts_rank(${document}, ${tsquery})::float8`;

    // Relevance ranks the candidates; date and views orders take every match, and so look among all of
    // them (walking their indexes) unless the candidates are all there are.
    const complete = query.sort === 'relevance' || (exactMatches.all && fuzzyMatches.all);
    let select = this.listed(query)
      .select(relevance.as('relevance'))
      .where(complete ? sql<SqlBool>`videos.id = ANY(${ids})` : exact);

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

  /**
   * Ids of up to `limit` listed videos that match, the most viewed first, and whether they are all the
   * matches there are.
   */
  private async candidates(
    query: SearchQuery,
    matches: Expression<SqlBool>,
    limit: number,
  ): Promise<{ ids: string[]; all: boolean }> {
    const matching = () =>
      withFilters(
        this.db
          .selectFrom('videos')
          .where('videos.state', '=', 'ready')
          .where('videos.visibility', '=', 'public')
          .where(matches),
        query,
      );
    // Read up to PROBED_MATCHES matches in whatever order is cheapest, then keep the most viewed.
    const probed = await this.db
      .selectFrom(
        matching()
          .select(['videos.id', 'videos.view_count'])
          .limit(PROBED_MATCHES + 1)
          .as('probe'),
      )
      .select(['probe.id', sql<string>`count(*) OVER ()`.as('matched')])
      .orderBy('probe.view_count', 'desc')
      .orderBy('probe.id', 'desc')
      .limit(limit)
      .execute();
    const matched = Number(probed[0]?.matched ?? 0);
    if (matched <= PROBED_MATCHES) return { ids: probed.map((row) => row.id), all: matched <= limit };
    const walked = await matching()
      .select('videos.id')
      .orderBy('videos.view_count', 'desc')
      .orderBy('videos.id', 'desc')
      .limit(limit)
      .execute();
    return { ids: walked.map((row) => row.id), all: false };
  }

  private listed(query: SearchQuery): Listed {
    return withFilters(
      this.videos.withChannel().where('videos.state', '=', 'ready').where('videos.visibility', '=', 'public'),
      query,
    );
  }
}

/** The upload date and duration filters. */
function withFilters<Q extends SelectQueryBuilder<Database, 'videos', object>>(
  select: Q,
  query: SearchQuery,
): Q {
  let filtered = select;
  if (query.uploadedAfter) filtered = filtered.where('videos.published_at', '>=', query.uploadedAfter) as Q;
  if (query.minDurationSeconds !== undefined)
    filtered = filtered.where('videos.duration_seconds', '>=', query.minDurationSeconds) as Q;
  if (query.maxDurationSeconds !== undefined)
    filtered = filtered.where('videos.duration_seconds', '<=', query.maxDurationSeconds) as Q;
  return filtered;
}
