import { type Kysely, sql } from 'kysely';

/**
 * When the live process making a live video last said it still runs: a live video not seen for a while
 * lost its process, and is ended by whichever live process looks next, so its key can go live again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE videos ADD COLUMN live_seen_at timestamptz`.execute(db);
  await sql`UPDATE videos SET live_seen_at = live_started_at WHERE live_state = 'live'`.execute(db);
  // The few videos live at any time, found without reading the others.
  await sql`CREATE INDEX videos_live_seen_idx ON videos (live_seen_at) WHERE live_state = 'live'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX videos_live_seen_idx`.execute(db);
  await sql`ALTER TABLE videos DROP COLUMN live_seen_at`.execute(db);
}
