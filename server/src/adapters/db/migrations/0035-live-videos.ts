import { type Kysely, sql } from 'kysely';

/**
 * Live videos: a video made by a publish with a stream key is live until its publisher stops, then ended.
 * At most one video per key is live at a time, whichever process took the publish (a unique index).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE videos ADD COLUMN live_state text CHECK (live_state IN ('live', 'ended'))`.execute(
    db,
  );
  await sql`ALTER TABLE videos ADD COLUMN live_started_at timestamptz`.execute(db);
  await sql`ALTER TABLE videos ADD COLUMN live_ended_at timestamptz`.execute(db);
  await sql`ALTER TABLE videos ADD COLUMN stream_key_id uuid REFERENCES stream_keys (id) ON DELETE SET NULL`.execute(
    db,
  );
  await sql`CREATE UNIQUE INDEX videos_one_live_per_key ON videos (stream_key_id) WHERE live_state = 'live'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX videos_one_live_per_key`.execute(db);
  for (const column of ['stream_key_id', 'live_ended_at', 'live_started_at', 'live_state'])
    await sql`ALTER TABLE videos DROP COLUMN ${sql.ref(column)}`.execute(db);
}
