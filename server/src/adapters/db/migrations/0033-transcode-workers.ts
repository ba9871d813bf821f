import { type Kysely, sql } from 'kysely';

/**
 * The transcode workers that are up, each with its slots, seen again every few seconds: a chunked
 * transcode cuts shorter chunks when many of them are idle. A worker that died stops being counted once
 * its row is stale, and the next announcement of any worker deletes rows long stale.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE transcode_workers (
      id text PRIMARY KEY,
      slots integer NOT NULL CHECK (slots > 0),
      seen_at timestamptz NOT NULL
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE transcode_workers`.execute(db);
}
