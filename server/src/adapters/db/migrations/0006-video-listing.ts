import { type Kysely, sql } from 'kysely';

/** Lists show only public, ready videos, newest first: partial indexes hold exactly those rows, in that order. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX videos_listed_idx ON videos (published_at DESC, id DESC)
    WHERE state = 'ready' AND visibility = 'public'`.execute(db);
  await sql`CREATE INDEX videos_channel_listed_idx ON videos (channel_id, published_at DESC, id DESC)
    WHERE state = 'ready' AND visibility = 'public'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX videos_channel_listed_idx`.execute(db);
  await sql`DROP INDEX videos_listed_idx`.execute(db);
}
