import { type Kysely, sql } from 'kysely';

/**
 * The languages a video has captions in (canonical BCP 47 tags), on the video's own row: its page shows
 * them from the cached row, and the master playlist is rewritten from them under the row's lock. And where
 * the ladder's timeline begins, which a caption file's X-TIMESTAMP-MAP names: videos encoded before this
 * are taken to begin at 0 (chunked ones began at 1 s; their captions would show a second early).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE videos ADD COLUMN caption_languages text[] NOT NULL DEFAULT '{}'`.execute(db);
  await sql`ALTER TABLE videos ADD COLUMN media_start_seconds double precision NOT NULL DEFAULT 0`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE videos DROP COLUMN media_start_seconds`.execute(db);
  await sql`ALTER TABLE videos DROP COLUMN caption_languages`.execute(db);
}
