import { type Kysely, sql } from 'kysely';

/** One like or dislike per person per video; the video row keeps the counts (updated in the same transaction). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('video_reactions')
    .addColumn('video_id', 'text', (col) => col.notNull().references('videos.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('value', 'text', (col) => col.notNull().check(sql`value in ('like', 'dislike')`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('video_reactions_pkey', ['video_id', 'user_id'])
    .execute();
  // "Videos I liked", newest first.
  await db.schema
    .createIndex('video_reactions_user_idx')
    .on('video_reactions')
    .columns(['user_id', 'updated_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('video_reactions').execute();
}
