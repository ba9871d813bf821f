import { type Kysely, sql } from 'kysely';

/**
 * Up next: how many people watched both of two videos, folded from watch history by a job
 * (`fold-co-watching`) rather than counted per request. Each history row is folded once, and marked so:
 * rows from before this migration are unmarked, so the first runs fold the history there already is.
 * Counts are kept both ways round, so one video's co-watched list is one index range.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE co_watch_counts (
      video_id text NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
      other_video_id text NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
      viewers integer NOT NULL,
      PRIMARY KEY (video_id, other_video_id)
    )`.execute(db);
  await sql`
    CREATE INDEX co_watch_counts_ranked_idx ON co_watch_counts (video_id, viewers DESC, other_video_id DESC)`.execute(
    db,
  );
  // Deleting a video deletes its counts both ways round: this finds the rows naming it second.
  await sql`CREATE INDEX co_watch_counts_other_idx ON co_watch_counts (other_video_id)`.execute(db);
  await sql`ALTER TABLE watch_history ADD COLUMN co_watch_folded boolean NOT NULL DEFAULT false`.execute(db);
  await sql`CREATE INDEX watch_history_unfolded_idx ON watch_history (user_id) WHERE NOT co_watch_folded`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX watch_history_unfolded_idx`.execute(db);
  await sql`ALTER TABLE watch_history DROP COLUMN co_watch_folded`.execute(db);
  await sql`DROP TABLE co_watch_counts`.execute(db);
}
