// SQL for search over listed videos: full text on the weighted document, every word typed required, the
// last as a prefix since it may be unfinished. Relevance ranks the most viewed matches; a common word's
// are found in a popularity tier, so a search reads a few hundred rows however common its words are.
// Words that match too little are corrected against the words of listed titles.
import {
  type Expression,
  type Kysely,
  type RawBuilder,
  type SelectQueryBuilder,
  type SqlBool,
  sql,
} from 'kysely';
import type { VideoWithChannel } from '../../domain/video.js';
import { rowsAfter } from './keyset.js';
import { LISTED, selectVideosWithChannel, toVideoWithChannel } from './rows.js';
import type { Database } from './schema.js';

export type SearchSort = 'relevance' | 'date' | 'views';

export interface SearchQuery {
  /** Words as typed, lowercased; the last may be unfinished. */
  words: string[];
  /** Also look for corrections of misspelt words. */
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

/** Relevance is ranked among this many matches, the most viewed: ranking every match of a common word
 * would read a tenth of the table. */
export const RANKED_CANDIDATES = 200;
/**
 * View-count floors of the popularity tiers, each with a partial full-text index (migration 0012). The
 * most viewed matches are looked for in the highest tier first: a tier ten times larger than the last is
 * searched only when the last held too few matches, so no tier yields much more than ten times
 * RANKED_CANDIDATES rows. The last floor, 0, is every listed video.
 */
const POPULARITY_FLOORS = [100_000, 10_000, 1_000, 0];
/** Misspellings are looked for only when the words as typed find fewer videos than this. */
const FEW_MATCHES = 20;
/** Title words tried in place of each word typed, the closest by trigrams. */
const CORRECTIONS_PER_WORD = 3;

type TextQuery = RawBuilder<unknown>;
/** Every order ends newest first, the id breaking ties. */
const NEWEST = ['videos.published_at', 'videos.id'];

export class SearchRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async search(query: SearchQuery, limit: number, after?: SearchPosition): Promise<SearchHit[]> {
    const typed = textQuery(query.words.map((word) => [word]));
    let matching = typed;
    let candidates = await this.mostViewed(query, typed);
    if (query.fuzzy && candidates.ids.length < FEW_MATCHES) {
      const corrections = await this.corrections(query.words);
      if (corrections.some((words) => words.length > 1)) {
        matching = textQuery(corrections);
        candidates = await this.mostViewed(query, matching);
      }
    }
    if (candidates.ids.length === 0) return [];
    // A word as typed counts twice, so an exact match outranks a corrected one.
    const document = sql.ref('videos.search_document');
    const relevance =
      matching === typed
        ? sql<number>`ts_rank(${document}, ${typed})::float8`
        : sql<number>`(ts_rank(${document}, ${typed}) + ts_rank(${document}, ${matching}))::float8`;

    // Relevance ranks the candidates; date and views orders take every match, and so look among all of
    // them (walking their indexes) unless the candidates are all there are.
    const complete = query.sort === 'relevance' || candidates.all;
    let select = listed(selectVideosWithChannel(this.db), query)
      .select(relevance.as('relevance'))
      .where(complete ? sql<SqlBool>`videos.id = ANY(${candidates.ids})` : matches(matching));

    // Relevance and views lead the order; then newest first, and the id breaks ties.
    const leading = { relevance, views: sql<number>`videos.view_count`, date: undefined }[query.sort];
    if (after) {
      select = select.where(
        leading
          ? rowsAfter([leading, ...NEWEST], [after.rank, after.at, after.id])
          : rowsAfter(NEWEST, [after.at, after.id]),
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
   * Ids of listed videos whose document holds any of `words` (a video's title words: up next's similar
   * videos), the most relevant first among the most viewed matches, as relevance search ranks.
   */
  async similar(words: string[], limit: number): Promise<string[]> {
    if (words.length === 0) return [];
    const anyWord = sql`to_tsquery('simple', ${words.map(quoted).join(' | ')})`;
    const { ids } = await this.mostViewed({ words, fuzzy: false, sort: 'relevance' }, anyWord);
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('videos')
      .select('videos.id')
      .where(sql<SqlBool>`videos.id = ANY(${ids})`)
      .orderBy(sql`ts_rank(videos.search_document, ${anyWord})`, 'desc')
      .orderBy('videos.view_count', 'desc')
      .orderBy('videos.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => row.id);
  }

  /**
   * Ids of the RANKED_CANDIDATES most viewed listed videos that match, most viewed first, and whether
   * they are all the matches there are. A tier that holds more than enough matches holds the most
   * viewed of all.
   */
  private async mostViewed(query: SearchQuery, text: TextQuery): Promise<{ ids: string[]; all: boolean }> {
    for (const floor of POPULARITY_FLOORS) {
      let select = listed(this.db.selectFrom('videos').select('videos.id'), query).where(matches(text));
      // A literal, so the planner can prove the tier's partial index applies.
      if (floor > 0) select = select.where(sql<SqlBool>`videos.view_count >= ${sql.lit(floor)}`);
      const rows = await select
        .orderBy('videos.view_count', 'desc')
        .orderBy('videos.id', 'desc')
        .limit(RANKED_CANDIDATES + 1)
        .execute();
      if (rows.length > RANKED_CANDIDATES || floor === 0) {
        return {
          ids: rows.slice(0, RANKED_CANDIDATES).map((row) => row.id),
          all: rows.length <= RANKED_CANDIDATES,
        };
      }
    }
    throw new Error('the last popularity tier holds every video');
  }

  /** Each word with the title words closest to it, the word itself first. */
  private async corrections(words: string[]): Promise<string[][]> {
    return Promise.all(
      words.map(async (word) => {
        const close = await this.db
          .selectFrom('search_words')
          .select('word')
          .where(sql<SqlBool>`word % ${word}`)
          .where('word', '!=', word)
          .orderBy(sql`similarity(word, ${word})`, 'desc')
          .orderBy('word')
          .limit(CORRECTIONS_PER_WORD)
          .execute();
        return [word, ...close.map((row) => row.word)];
      }),
    );
  }
}

/**
 * A tsquery requiring one of each group's words; the last group's first word (the word as typed) is a
 * prefix. Words are quoted, so nothing in them is query syntax.
 */
function textQuery(groups: string[][]): TextQuery {
  const last = groups.length - 1;
  const source = groups
    .map((words, group) => {
      const terms = words.map((word, index) => `${quoted(word)}${group === last && index === 0 ? ':*' : ''}`);
      return `(${terms.join(' | ')})`;
    })
    .join(' & ');
  return sql`to_tsquery('simple', ${source})`;
}

/** A word as a tsquery term: quoted, so nothing in it is query syntax. */
function quoted(word: string): string {
  return `'${word.replace(/['\\]/g, '\\$&')}'`;
}

function matches(text: TextQuery): Expression<SqlBool> {
  return sql<SqlBool>`videos.search_document @@ ${text}`;
}

/** Only listed (public, ready) videos, within the upload date and duration filters. */
function listed<Q extends SelectQueryBuilder<Database, 'videos', object>>(select: Q, query: SearchQuery): Q {
  let filtered = select.where(LISTED) as Q;
  if (query.uploadedAfter) filtered = filtered.where('videos.published_at', '>=', query.uploadedAfter) as Q;
  if (query.minDurationSeconds !== undefined)
    filtered = filtered.where('videos.duration_seconds', '>=', query.minDurationSeconds) as Q;
  if (query.maxDurationSeconds !== undefined)
    filtered = filtered.where('videos.duration_seconds', '<=', query.maxDurationSeconds) as Q;
  return filtered;
}
