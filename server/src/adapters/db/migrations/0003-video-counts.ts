import type { Kysely } from 'kysely';

/** Counters kept on the video row, so the video page is one row read. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('videos')
    .addColumn('view_count', 'bigint', (col) => col.notNull().defaultTo(0))
    .addColumn('like_count', 'bigint', (col) => col.notNull().defaultTo(0))
    .addColumn('dislike_count', 'bigint', (col) => col.notNull().defaultTo(0))
    .addColumn('comment_count', 'bigint', (col) => col.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('videos')
    .dropColumn('view_count')
    .dropColumn('like_count')
    .dropColumn('dislike_count')
    .dropColumn('comment_count')
    .execute();
}
