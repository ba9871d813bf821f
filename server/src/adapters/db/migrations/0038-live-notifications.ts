import { type Kysely, sql } from 'kysely';

/**
 * A subscriber is told when a channel they follow goes live: one notification per person and live video,
 * however often its stream comes back after a drop.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE notifications
    DROP CONSTRAINT notifications_kind_check,
    ADD CONSTRAINT notifications_kind_check
      CHECK (kind IN ('new_video', 'comment_reply', 'report_outcome', 'went_live'))`.execute(db);
  await sql`CREATE UNIQUE INDEX notifications_went_live_idx ON notifications (user_id, video_id)
    WHERE kind = 'went_live'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX notifications_went_live_idx`.execute(db);
  await sql`DELETE FROM notifications WHERE kind = 'went_live'`.execute(db);
  await sql`ALTER TABLE notifications
    DROP CONSTRAINT notifications_kind_check,
    ADD CONSTRAINT notifications_kind_check
      CHECK (kind IN ('new_video', 'comment_reply', 'report_outcome'))`.execute(db);
}
