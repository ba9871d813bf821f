// Keyset paging's one comparison: the rows after a position, in the list's order.
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import { rowsAfter } from '../../../src/adapters/db/keyset.js';
import type { Database } from '../../../src/adapters/db/schema.js';

// Compiles only: no connection is ever made.
const db = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (kysely) => new PostgresIntrospector(kysely),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

const compile = (query: { compile(): { sql: string; parameters: readonly unknown[] } }) => query.compile();

describe('rowsAfter', () => {
  it('compares every sort key at once, smaller for a descending list', () => {
    const at = new Date('2026-11-27T10:00:00.123Z');
    const query = compile(
      db
        .selectFrom('videos')
        .select('id')
        .where(rowsAfter(['videos.published_at', 'videos.id'], [at, 'abc'])),
    );
    expect(query.sql).toBe(
      'select "id" from "videos" where ("videos"."published_at", "videos"."id") < ($1, $2)',
    );
    expect(query.parameters).toEqual([at, 'abc']);
  });

  it('larger for an ascending list, and takes expressions as keys', () => {
    const rank = sql<number>`ts_rank(videos.search_document, ${'q'})`;
    const query = compile(
      db
        .selectFrom('videos')
        .select('id')
        .where(rowsAfter([rank, 'videos.id'], [0.5, 'x'], 'asc')),
    );
    expect(query.sql).toBe(
      'select "id" from "videos" where (ts_rank(videos.search_document, $1), "videos"."id") > ($2, $3)',
    );
    expect(query.parameters).toEqual(['q', 0.5, 'x']);
  });

  it('refuses a position without one value per key', () => {
    expect(() => rowsAfter(['videos.published_at', 'videos.id'], [new Date()])).toThrow(
      /one value per sort key/,
    );
  });
});

describe('rowsAfter with a direction per key', () => {
  it('compares the leading keys of one direction at once, and the rest where those are equal', () => {
    const at = new Date('2026-12-07T10:00:00.123Z');
    const query = compile(
      db
        .selectFrom('reported_items')
        .select('id')
        .where(rowsAfter(['report_count', 'first_reported_at', 'id'], [3, at, 'x'], ['desc', 'asc', 'asc'])),
    );
    expect(query.sql).toBe(
      'select "id" from "reported_items" where (("report_count") < ($1) OR (("report_count") = ($2) AND ("first_reported_at", "id") > ($3, $4)))',
    );
    expect(query.parameters).toEqual([3, 3, at, 'x']);
  });

  it('refuses an order without one direction per key', () => {
    expect(() => rowsAfter(['report_count', 'id'], [1, 'x'], ['desc'])).toThrow(/one direction per sort key/);
  });
});
