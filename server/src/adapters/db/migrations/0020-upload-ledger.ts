import { type Kysely, sql } from 'kysely';

/**
 * The bytes each account started uploading, and when: what the daily upload limit counts. Unlike the
 * videos' own sizes, nothing a user does (abort, delete) takes an entry away. Starts from the videos
 * created in the last day, so an upgrade resets nobody's day.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE upload_ledger (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      owner_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      bytes bigint NOT NULL,
      started_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX upload_ledger_owner_started ON upload_ledger (owner_id, started_at)`.execute(db);
  await sql`
    INSERT INTO upload_ledger (owner_id, bytes, started_at)
    SELECT owner_id, source_size, created_at FROM videos WHERE created_at > now() - interval '1 day'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE upload_ledger`.execute(db);
}
