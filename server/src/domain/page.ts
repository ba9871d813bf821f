// Opaque cursors for keyset pagination: the sort key of the last item of a page, which the next page
// starts strictly after. Clients pass them back untouched; a tampered one is refused as bad input.
import { InvalidInput } from './errors.js';
import { COUNTED_ID, TEXT_ID, UUID } from './ids.js';

export interface PagePosition {
  at: Date;
  id: string;
  /** The leading sort key of lists not ordered by time first: replies, relevance, views. */
  rank?: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function encodeCursor({ at, id, rank }: PagePosition): string {
  const values = rank === undefined ? [at.toISOString(), id] : [at.toISOString(), id, rank];
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** What a list's ids are: uuids (comments, notifications, channels), text ids (videos) or counted ids. */
export type ListKey = 'uuid' | 'text' | 'counted';
const LIST_KEYS: Record<ListKey, RegExp> = { uuid: UUID, text: TEXT_ID, counted: COUNTED_ID };
/** A cursor outside the years every database VidStream runs on can compare was never issued. */
const YEARS = { first: 1, last: 9999 };

/** Reads a cursor back, refusing any the API cannot have issued for a list keyed by `key`. */
export function decodeCursor(cursor: string, key: ListKey = 'text'): PagePosition {
  try {
    const [at, id, rank] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const year = new Date(String(at)).getUTCFullYear();
    const validDate = typeof at === 'string' && year >= YEARS.first && year <= YEARS.last;
    const validRank =
      rank === undefined || (typeof rank === 'number' && Math.abs(rank) <= Number.MAX_SAFE_INTEGER);
    if (typeof id === 'string' && LIST_KEYS[key].test(id) && validDate && validRank) {
      const date = new Date(at as string);
      return rank === undefined ? { at: date, id } : { at: date, id, rank: rank as number };
    }
  } catch {
    // refused below
  }
  throw new InvalidInput('This cursor is not one the API gave', 'cursor');
}

/**
 * One page of a keyset-paged list: `fetch` is asked for one row more than `limit`, after the cursor's
 * position, and the last row kept becomes the next cursor.
 */
export async function readPage<T>(
  cursor: string | undefined,
  limit: number,
  fetch: (count: number, after: PagePosition | undefined) => Promise<T[]>,
  positionOf: (row: T) => PagePosition,
  key: ListKey = 'text',
): Promise<Page<T>> {
  const after = cursor === undefined ? undefined : decodeCursor(cursor, key);
  return toPage(await fetch(limit + 1, after), limit, positionOf);
}

/** Builds a page from up to `limit + 1` rows: the extra row only says that another page exists. */
function toPage<T>(rows: T[], limit: number, positionOf: (row: T) => PagePosition): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(positionOf(last)) : null };
}
