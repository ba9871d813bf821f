// Keyset paging: the rows that come after a page's last row, in the list's order, as one row comparison
// `(a, b, …) < (x, y, …)` that PostgreSQL answers from an index in the same order. No OFFSET anywhere.
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';

/** A sort key: a column reference such as `videos.id`, or an expression such as a relevance rank. */
export type SortKey = string | Expression<unknown>;

/**
 * Rows strictly after `position` in a list ordered by `keys`, every key descending (`desc`) or every key
 * ascending (`asc`); `position` holds the last row's value of each key.
 */
export function rowsAfter(
  keys: readonly SortKey[],
  position: readonly unknown[],
  order: 'desc' | 'asc' = 'desc',
): RawBuilder<SqlBool> {
  if (keys.length !== position.length) throw new Error('a keyset position needs one value per sort key');
  const columns = sql.join(keys.map((key) => (typeof key === 'string' ? sql.ref(key) : key)));
  const values = sql.join(position.map((value) => sql`${value}`));
  return order === 'desc'
    ? sql<SqlBool>`(${columns}) < (${values})`
    : sql<SqlBool>`(${columns}) > (${values})`;
}
