import { type Kysely, sql } from 'kysely';

/**
 * Instance settings: one row, set by administrators. A quota left null follows the configuration, so the
 * configuration is its value until an administrator sets one. Accounts signed up while sign-ups need
 * approval wait, unable to sign in, until an administrator approves them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE instance_settings (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      name text NOT NULL,
      description text NOT NULL,
      sign_ups text NOT NULL CHECK (sign_ups IN ('open', 'approval', 'closed')),
      uploads_in_flight integer,
      bytes_per_day bigint,
      queued_videos integer,
      gigapixels_per_day integer,
      updated_at timestamptz NOT NULL
    )`.execute(db);
  await sql`INSERT INTO instance_settings (name, description, sign_ups, updated_at)
    VALUES ('VidStream', '', 'open', now())`.execute(db);

  await sql`ALTER TABLE users ADD COLUMN awaiting_approval boolean NOT NULL DEFAULT false`.execute(db);
  await sql`CREATE INDEX users_awaiting_approval_idx ON users (created_at, id) WHERE awaiting_approval`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE users DROP COLUMN awaiting_approval`.execute(db);
  await sql`DROP TABLE instance_settings`.execute(db);
}
