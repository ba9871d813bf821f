import { type Kysely, sql } from 'kysely';

/**
 * What a creator controls of the comments on their videos: each video's comment policy (open, closed, or
 * held for approval), comments held until the video's owner approves them, and the people an owner has
 * blocked from commenting on their channel, whose comments there stay stored but hidden.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE videos ADD COLUMN comment_policy text NOT NULL DEFAULT 'open'
    CHECK (comment_policy IN ('open', 'closed', 'held'))`.execute(db);

  await sql`ALTER TABLE comments ADD COLUMN held boolean NOT NULL DEFAULT false`.execute(db);
  await sql`ALTER TABLE comments ADD COLUMN author_blocked boolean NOT NULL DEFAULT false`.execute(db);
  // The comments awaiting approval, oldest first: few at any time, so a partial index.
  await sql`CREATE INDEX comments_held_idx ON comments (created_at, id) WHERE held`.execute(db);

  await sql`
    CREATE TABLE channel_blocks (
      owner_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      blocked_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (owner_id, blocked_id)
    )`.execute(db);
  // An owner's list of blocked people, most recent first.
  await sql`CREATE INDEX channel_blocks_newest_idx ON channel_blocks (owner_id, created_at DESC, blocked_id DESC)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE channel_blocks`.execute(db);
  await sql`ALTER TABLE comments DROP COLUMN author_blocked`.execute(db);
  await sql`ALTER TABLE comments DROP COLUMN held`.execute(db);
  await sql`ALTER TABLE videos DROP COLUMN comment_policy`.execute(db);
}
