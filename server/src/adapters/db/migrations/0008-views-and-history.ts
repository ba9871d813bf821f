import { type Kysely, sql } from 'kysely';

/**
 * Views per video per day (for trending), the ids of view batches already applied (so a batch replayed
 * after a crash counts once), the trending list the worker recomputes, and each person's watch history.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('video_daily_views')
    .addColumn('video_id', 'text', (col) => col.notNull().references('videos.id').onDelete('cascade'))
    .addColumn('day', 'date', (col) => col.notNull())
    .addColumn('views', 'bigint', (col) => col.notNull())
    .addPrimaryKeyConstraint('video_daily_views_pkey', ['video_id', 'day'])
    .execute();
  // Trending sums the last days' rows of every video.
  await db.schema
    .createIndex('video_daily_views_day_idx')
    .on('video_daily_views')
    .columns(['day', 'video_id'])
    .execute();

  await db.schema
    .createTable('view_batches')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('applied_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('trending_videos')
    .addColumn('video_id', 'text', (col) => col.primaryKey().references('videos.id').onDelete('cascade'))
    .addColumn('score', 'double precision', (col) => col.notNull())
    .execute();
  await sql`CREATE INDEX trending_videos_score_idx ON trending_videos (score DESC, video_id DESC)`.execute(
    db,
  );

  await db.schema
    .createTable('watch_history')
    .addColumn('user_id', 'uuid', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('video_id', 'text', (col) => col.notNull().references('videos.id').onDelete('cascade'))
    .addColumn('position_seconds', 'real', (col) => col.notNull())
    .addColumn('watched_at', 'timestamptz', (col) => col.notNull())
    .addPrimaryKeyConstraint('watch_history_pkey', ['user_id', 'video_id'])
    .execute();
  await sql`CREATE INDEX watch_history_recent_idx ON watch_history (user_id, watched_at DESC, video_id DESC)`.execute(
    db,
  );
  await sql`CREATE INDEX watch_history_video_idx ON watch_history (video_id)`.execute(db);
  await db.schema
    .alterTable('users')
    .addColumn('history_paused', 'boolean', (col) => col.notNull().defaultTo(false))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('history_paused').execute();
  for (const table of ['watch_history', 'trending_videos', 'view_batches', 'video_daily_views'])
    await db.schema.dropTable(table).execute();
}
