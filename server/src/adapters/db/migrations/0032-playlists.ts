import { type Kysely, sql } from 'kysely';

/**
 * Playlists: each account's own, public, unlisted or private, and one "Watch later" every account has
 * (made here for the accounts there are, and with each new account). An item's place is a number between
 * its neighbours', so moving one item writes one row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE playlists (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      owner_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      channel_id uuid NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
      kind text NOT NULL DEFAULT 'playlist' CHECK (kind IN ('playlist', 'watch_later')),
      title text NOT NULL,
      description text NOT NULL DEFAULT '',
      visibility text NOT NULL CHECK (visibility IN ('public', 'unlisted', 'private')),
      item_count integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX playlists_watch_later_key ON playlists (owner_id) WHERE kind = 'watch_later'`.execute(
    db,
  );
  // My playlists, and a channel's public ones, most recently changed first.
  await sql`CREATE INDEX playlists_owner_idx ON playlists (owner_id, updated_at DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX playlists_channel_idx ON playlists (channel_id, updated_at DESC, id DESC)
    WHERE visibility = 'public' AND kind = 'playlist'`.execute(db);

  await sql`
    CREATE TABLE playlist_items (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      playlist_id uuid NOT NULL REFERENCES playlists (id) ON DELETE CASCADE,
      video_id text NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
      position double precision NOT NULL,
      added_at timestamptz NOT NULL,
      UNIQUE (playlist_id, video_id)
    )`.execute(db);
  await sql`CREATE INDEX playlist_items_order_idx ON playlist_items (playlist_id, position, id)`.execute(db);
  await sql`CREATE INDEX playlist_items_video_idx ON playlist_items (video_id)`.execute(db);

  await sql`
    INSERT INTO playlists (owner_id, channel_id, kind, title, visibility)
    SELECT owner_id, id, 'watch_later', 'Watch later', 'private' FROM channels`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE playlist_items`.execute(db);
  await sql`DROP TABLE playlists`.execute(db);
}
