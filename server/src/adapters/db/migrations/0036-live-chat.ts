import { type Kysely, sql } from 'kysely';

/**
 * Live chat: short messages on a video, kept with it. Every write (a message, or its deletion) takes the
 * next number of one sequence, under a per-video lock held until it commits, so a video's writes commit
 * in the order of their revisions and a reader that has seen revision N has seen every one before it:
 * "revisions after N" is all a process needs to ask to pass every change on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE SEQUENCE chat_revisions`.execute(db);
  await sql`
    CREATE TABLE chat_messages (
      id bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
      video_id text NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
      author_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      body text NOT NULL,
      revision bigint NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      deleted_at timestamptz
    )`.execute(db);
  // The tail every process reads, and the history, newest first.
  await sql`CREATE INDEX chat_messages_revision_idx ON chat_messages (video_id, revision)`.execute(db);
  await sql`CREATE INDEX chat_messages_history_idx ON chat_messages (video_id, id DESC)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE chat_messages`.execute(db);
  await sql`DROP SEQUENCE chat_revisions`.execute(db);
}
