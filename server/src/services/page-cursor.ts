// Opaque cursors for keyset pagination: the sort key of the last item of a page, which the next page
// starts strictly after. Clients pass them back untouched; a tampered one is refused as bad input.
import { InvalidInput } from './errors.js';

export interface PagePosition {
  at: Date;
  id: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function encodeCursor({ at, id }: PagePosition): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
}

export function decodeCursor(cursor: string): PagePosition {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const date = new Date(String(at));
    if (typeof id === 'string' && typeof at === 'string' && !Number.isNaN(date.getTime()))
      return { at: date, id };
  } catch {
    // refused below
  }
  throw new InvalidInput('This cursor is not one the API gave', 'cursor');
}

/** Builds a page from up to `limit + 1` rows: the extra row only says that another page exists. */
export function toPage<T>(rows: T[], limit: number, positionOf: (row: T) => PagePosition): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(positionOf(last)) : null };
}
