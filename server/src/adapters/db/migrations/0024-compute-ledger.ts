import { type Kysely, sql } from 'kysely';

/**
 * The processing each account's videos cost (gigapixels decoded: width × height × frame rate × seconds,
 * as probed), one entry per video, written when a worker first probes it: what the daily compute
 * allowance counts. Like the upload ledger, deleting a video takes nothing away.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE compute_ledger (
      video_id text PRIMARY KEY,
      owner_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      gigapixels double precision NOT NULL,
      recorded_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX compute_ledger_owner_recorded ON compute_ledger (owner_id, recorded_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE compute_ledger`.execute(db);
}
