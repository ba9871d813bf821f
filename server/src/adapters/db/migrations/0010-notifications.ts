import { type Kysely, sql } from 'kysely';

/**
 * In-app notifications: a new video from a channel I follow, a reply to my comment. A new video's are
 * written by a job, one row per subscriber; the unique index makes a retried job write nothing twice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('new_video', 'comment_reply')`))
    .addColumn('video_id', 'text', (col) => col.notNull().references('videos.id').onDelete('cascade'))
    .addColumn('comment_id', 'uuid', (col) => col.references('comments.id').onDelete('cascade'))
    .addColumn('actor_channel_id', 'uuid', (col) =>
      col.notNull().references('channels.id').onDelete('cascade'),
    )
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('read_at', 'timestamptz')
    .execute();
  await sql`CREATE INDEX notifications_recent_idx ON notifications (user_id, created_at DESC, id DESC)`.execute(
    db,
  );
  await sql`CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL`.execute(
    db,
  );
  await sql`CREATE UNIQUE INDEX notifications_new_video_idx ON notifications (user_id, video_id)
    WHERE kind = 'new_video'`.execute(db);
  // Deleting a video, comment or channel removes its notifications.
  await db.schema.createIndex('notifications_video_idx').on('notifications').column('video_id').execute();
  await db.schema.createIndex('notifications_comment_idx').on('notifications').column('comment_id').execute();
  await db.schema
    .createIndex('notifications_actor_idx')
    .on('notifications')
    .column('actor_channel_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notifications').execute();
}
