import { type Kysely, sql } from 'kysely';

/**
 * Log-in failures and rate limits when no counters Redis is configured. UNLOGGED: no write-ahead log for
 * a row written on every limited request; a crash of PostgreSQL empties the table, which resets limits
 * once, as a restart of an in-memory store would.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE UNLOGGED TABLE security_counters (
      key text PRIMARY KEY,
      count integer NOT NULL,
      expires_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX security_counters_expiry ON security_counters (expires_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE security_counters`.execute(db);
}
