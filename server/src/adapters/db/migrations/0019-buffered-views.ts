import { type Kysely, sql } from 'kysely';

/**
 * Counted views waiting to be added to the videos' counts, when no counters Redis holds them: one row per
 * view, sealed into batches by the flusher. Logged, unlike the security counters: a crash of PostgreSQL
 * must not lose counted views.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE buffered_views (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      video_id text NOT NULL,
      day date NOT NULL,
      batch_id uuid
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE buffered_views`.execute(db);
}
