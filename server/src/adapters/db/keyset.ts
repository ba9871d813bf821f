// Keyset paging: the rows that come after a page's last row, in the list's order, as one row comparison
// `(a, b, …) < (x, y, …)` that PostgreSQL answers from an index in the same order. No OFFSET anywhere.
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';

/** A sort key: a column reference such as `videos.id`, or an expression such as a relevance rank. */
export type SortKey = string | Expression<unknown>;

export type SortDirection = 'desc' | 'asc';

/**
 * Rows strictly after `position` in a list ordered by `keys`, every key descending (`desc`) or every key
 * ascending (`asc`), or each in its own direction (most reported first, then oldest); `position` holds the
 * last row's value of each key.
 */
export function rowsAfter(
  keys: readonly SortKey[],
  position: readonly unknown[],
  order: SortDirection | readonly SortDirection[] = 'desc',
): RawBuilder<SqlBool> {
  if (keys.length !== position.length) throw new Error('a keyset position needs one value per sort key');
  const directions = typeof order === 'string' ? keys.map(() => order) : order;
  if (directions.length !== keys.length) throw new Error('a keyset order needs one direction per sort key');
  return after(
    keys.map((key, index) => ({
      key,
      value: position[index],
      direction: directions[index] as SortDirection,
    })),
  );
}

interface Bound {
  key: SortKey;
  value: unknown;
  direction: SortDirection;
}

/**
 * The leading keys that share a direction are one row comparison; where the direction changes, rows equal
 * on those keys go on to the comparison of the rest.
 */
function after(bounds: readonly Bound[]): RawBuilder<SqlBool> {
  const [first] = bounds;
  const run = bounds.findIndex((bound) => bound.direction !== first?.direction);
  const leading = run === -1 ? bounds : bounds.slice(0, run);
  const columns = sql.join(leading.map(({ key }) => (typeof key === 'string' ? sql.ref(key) : key)));
  const values = sql.join(leading.map(({ value }) => sql`${value}`));
  const beyond =
    first?.direction === 'asc'
      ? sql<SqlBool>`(${columns}) > (${values})`
      : sql<SqlBool>`(${columns}) < (${values})`;
  if (run === -1) return beyond;
  return sql<SqlBool>`(${beyond} OR ((${columns}) = (${values}) AND ${after(bounds.slice(run))}))`;
}
