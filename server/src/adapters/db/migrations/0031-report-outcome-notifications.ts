import { type Kysely, sql } from 'kysely';

/**
 * A reporter is told how their report ended: a notification about the report itself, which names what it
 * reported as the reporter saw it when filing (a hidden video or a removed comment can no longer tell).
 * Such a notification has no video or channel of its own.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE reports ADD COLUMN subject text`.execute(db);
  await sql`ALTER TABLE notifications
    ALTER COLUMN video_id DROP NOT NULL,
    ALTER COLUMN actor_channel_id DROP NOT NULL,
    ADD COLUMN report_id uuid REFERENCES reports (id) ON DELETE CASCADE,
    DROP CONSTRAINT notifications_kind_check,
    ADD CONSTRAINT notifications_kind_check
      CHECK (kind IN ('new_video', 'comment_reply', 'report_outcome')),
    ADD CONSTRAINT notifications_subject_check CHECK (CASE kind
      WHEN 'report_outcome' THEN report_id IS NOT NULL
      ELSE video_id IS NOT NULL AND actor_channel_id IS NOT NULL END)`.execute(db);
  // One outcome per report; deleting a report (its reporter's account) removes the notification.
  await sql`CREATE UNIQUE INDEX notifications_report_idx ON notifications (report_id)
    WHERE report_id IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM notifications WHERE kind = 'report_outcome'`.execute(db);
  await sql`ALTER TABLE notifications
    DROP CONSTRAINT notifications_subject_check,
    DROP CONSTRAINT notifications_kind_check,
    ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('new_video', 'comment_reply')),
    DROP COLUMN report_id,
    ALTER COLUMN actor_channel_id SET NOT NULL,
    ALTER COLUMN video_id SET NOT NULL`.execute(db);
  await sql`ALTER TABLE reports DROP COLUMN subject`.execute(db);
}
