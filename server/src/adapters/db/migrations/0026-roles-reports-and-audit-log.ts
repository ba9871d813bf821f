import { type Kysely, sql } from 'kysely';

/**
 * Moderation: each account's role, a video hidden by a moderator, reports gathered per reported item (one
 * open item per video, comment or channel; one report per person on it), and the audit log of every action.
 * The oldest account becomes administrator, as the first to sign up does from now on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE users ADD COLUMN role text NOT NULL DEFAULT 'member'
    CHECK (role IN ('administrator', 'moderator', 'member'))`.execute(db);
  await sql`UPDATE users SET role = 'administrator'
    WHERE id = (SELECT id FROM users ORDER BY created_at, id LIMIT 1)`.execute(db);
  await sql`CREATE INDEX users_staff_idx ON users (role) WHERE role <> 'member'`.execute(db);

  await sql`ALTER TABLE videos ADD COLUMN hidden_at timestamptz`.execute(db);

  await sql`
    CREATE TABLE reported_items (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL CHECK (kind IN ('video', 'comment', 'channel')),
      item_id text NOT NULL,
      report_count integer NOT NULL DEFAULT 0,
      first_reported_at timestamptz NOT NULL,
      closed_at timestamptz,
      outcome text
    )`.execute(db);
  // One open item per thing reported; the queue reads the open ones, most reported first, then oldest.
  await sql`CREATE UNIQUE INDEX reported_items_open_key ON reported_items (kind, item_id)
    WHERE closed_at IS NULL`.execute(db);
  await sql`CREATE INDEX reported_items_queue_idx ON reported_items (report_count DESC, first_reported_at, id)
    WHERE closed_at IS NULL`.execute(db);

  await sql`
    CREATE TABLE reports (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      reported_item_id uuid NOT NULL REFERENCES reported_items (id) ON DELETE CASCADE,
      reporter_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      reason text NOT NULL,
      details text,
      created_at timestamptz NOT NULL,
      UNIQUE (reported_item_id, reporter_id)
    )`.execute(db);

  // Kept whatever happens to the actor or the item: ids, not references. The id counts up, so entries
  // written in the same millisecond still read in the order they were written.
  await sql`
    CREATE TABLE audit_log (
      id bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
      actor_id uuid,
      action text NOT NULL,
      target_kind text NOT NULL,
      target_id text NOT NULL,
      reason text,
      details jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX audit_log_newest_idx ON audit_log (created_at DESC, id DESC)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE audit_log`.execute(db);
  await sql`DROP TABLE reports`.execute(db);
  await sql`DROP TABLE reported_items`.execute(db);
  await sql`ALTER TABLE videos DROP COLUMN hidden_at`.execute(db);
  await sql`ALTER TABLE users DROP COLUMN role`.execute(db);
}
