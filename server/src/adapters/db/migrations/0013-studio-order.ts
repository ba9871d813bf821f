import { type Kysely, sql } from 'kysely';

/**
 * Someone's own videos, newest upload first, are read in index order: created_at is stored to the
 * millisecond, as a page cursor holds it (a cursor cut from microseconds could skip a row), and the owner
 * index carries the whole order. Cutting the existing times rewrites every video row once: on a large
 * table, run VACUUM afterwards rather than wait for autovacuum, as searches read past the dead rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE videos ALTER COLUMN created_at SET DEFAULT date_trunc('milliseconds', now())`.execute(
    db,
  );
  await sql`UPDATE videos SET created_at = date_trunc('milliseconds', created_at)
    WHERE created_at <> date_trunc('milliseconds', created_at)`.execute(db);
  await sql`CREATE INDEX videos_owner_newest_idx ON videos (owner_id, created_at DESC, id DESC)`.execute(db);
  await sql`DROP INDEX videos_owner_created_idx`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX videos_owner_created_idx ON videos (owner_id, created_at)`.execute(db);
  await sql`DROP INDEX videos_owner_newest_idx`.execute(db);
  await sql`ALTER TABLE videos ALTER COLUMN created_at SET DEFAULT now()`.execute(db);
}
