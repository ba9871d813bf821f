import type { Kysely } from 'kysely';

/**
 * A video's playback version, signed into every playback token handed out for it: moved on when the video
 * turns private or is deleted, so the media URLs already out stop working (adapters/db/playback-revocations.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('videos')
    .addColumn('playback_version', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('videos').dropColumn('playback_version').execute();
}
