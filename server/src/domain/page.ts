// Opaque cursors for keyset pagination: the sort key of the last item of a page, which the next page
// starts strictly after. Clients pass them back untouched; a tampered one is refused as bad input.
import { InvalidInput } from './errors.js';

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

export function decodeCursor(cursor: string): PagePosition {
  try {
    const [at, id, rank] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const date = new Date(String(at));
    const validRank = rank === undefined || (typeof rank === 'number' && Number.isFinite(rank));
    if (typeof id === 'string' && typeof at === 'string' && !Number.isNaN(date.getTime()) && validRank)
      return rank === undefined ? { at: date, id } : { at: date, id, rank: rank as number };
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
): Promise<Page<T>> {
  const after = cursor === undefined ? undefined : decodeCursor(cursor);
  return toPage(await fetch(limit + 1, after), limit, positionOf);
}

/** Builds a page from up to `limit + 1` rows: the extra row only says that another page exists. */
function toPage<T>(rows: T[], limit: number, positionOf: (row: T) => PagePosition): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(positionOf(last)) : null };
}
