import { type Kysely, sql } from 'kysely';

/**
 * Comments in threads one level deep: a top-level comment (parent_id null) and its replies. A deleted
 * top-level comment that still has replies keeps its row, emptied and marked, so the thread stays whole.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('comments')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('video_id', 'text', (col) => col.notNull().references('videos.id').onDelete('cascade'))
    .addColumn('author_id', 'uuid', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('parent_id', 'uuid', (col) => col.references('comments.id').onDelete('cascade'))
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('reply_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('edited_at', 'timestamptz')
    .addColumn('deleted_at', 'timestamptz')
    .execute();
  // A video's threads, newest first and "top" (most replies) first; both keyset-paged.
  await sql`CREATE INDEX comments_video_newest_idx ON comments (video_id, created_at DESC, id DESC)
    WHERE parent_id IS NULL`.execute(db);
  await sql`CREATE INDEX comments_video_top_idx ON comments (video_id, reply_count DESC, created_at DESC, id DESC)
    WHERE parent_id IS NULL`.execute(db);
  // A thread's replies, oldest first, as a conversation reads.
  await sql`CREATE INDEX comments_thread_idx ON comments (parent_id, created_at, id)
    WHERE parent_id IS NOT NULL`.execute(db);
  // Deleting an account removes its comments.
  await db.schema.createIndex('comments_author_idx').on('comments').column('author_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('comments').execute();
}
