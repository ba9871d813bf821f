import { type Kysely, sql } from 'kysely';

/**
 * Stream keys: the secrets an encoder publishes a channel's live stream with. Only the SHA-256 of a key
 * is kept (a key is 256 random bits, so a plain hash is enough). A revoked key keeps its row, so the live
 * videos made with it still say which key made them, and the list of a channel's keys leaves it out.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE stream_keys (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      owner_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      channel_id uuid NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
      name text NOT NULL,
      key_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz
    )`.execute(db);
  // A channel's keys in use, oldest first.
  await sql`CREATE INDEX stream_keys_channel_idx ON stream_keys (channel_id, created_at, id)
    WHERE revoked_at IS NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE stream_keys`.execute(db);
}
