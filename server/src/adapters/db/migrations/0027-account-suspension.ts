import { type Kysely, sql } from 'kysely';

/**
 * Account suspension: set on the account and copied, in the suspension's own transaction, onto its channel
 * and its videos, so channel pages and every video list filter on a column of a row they already read (no
 * join, no per-row lookup). A video's own `hidden_at` stays apart: lifting a suspension leaves a video a
 * moderator hid hidden.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE users ADD COLUMN suspended_at timestamptz`.execute(db);
  await sql`ALTER TABLE channels ADD COLUMN suspended_at timestamptz`.execute(db);
  await sql`ALTER TABLE videos ADD COLUMN owner_suspended_at timestamptz`.execute(db);
  // The administrators' users list, newest account first.
  await sql`CREATE INDEX users_newest_idx ON users (created_at DESC, id DESC)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX users_newest_idx`.execute(db);
  await sql`ALTER TABLE videos DROP COLUMN owner_suspended_at`.execute(db);
  await sql`ALTER TABLE channels DROP COLUMN suspended_at`.execute(db);
  await sql`ALTER TABLE users DROP COLUMN suspended_at`.execute(db);
}
