import { type Kysely, sql } from 'kysely';

/**
 * Search: a weighted document per video (title A, channel B, description C) kept by triggers, since it
 * draws on the channel's row too; trigram indexes on titles for misspelt queries; and an index for the
 * "most viewed" order. Every index holds only listed (public, ready) videos, the only ones search shows.
 * The 'simple' configuration does not stem: titles come in every language, and prefixes typed so far
 * must match the words they start.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
  await sql`ALTER TABLE videos ADD COLUMN search_document tsvector`.execute(db);

  await sql`
    CREATE FUNCTION video_search_document(title text, description text, channel_id uuid) RETURNS tsvector
    LANGUAGE sql STABLE AS $$
      SELECT setweight(to_tsvector('simple', title), 'A')
          || setweight(to_tsvector('simple', coalesce(
               (SELECT display_name || ' ' || handle FROM channels WHERE id = channel_id), '')), 'B')
          || setweight(to_tsvector('simple', description), 'C')
    $$`.execute(db);
  await sql`
    CREATE FUNCTION videos_search_document_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.search_document := video_search_document(NEW.title, NEW.description, NEW.channel_id);
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER videos_search_document BEFORE INSERT OR UPDATE OF title, description ON videos
    FOR EACH ROW EXECUTE FUNCTION videos_search_document_trigger()`.execute(db);
  await sql`
    CREATE FUNCTION channels_search_document_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE videos SET search_document = video_search_document(title, description, channel_id)
      WHERE channel_id = NEW.id;
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER channels_search_document AFTER UPDATE OF display_name, handle ON channels
    FOR EACH ROW WHEN (OLD.display_name IS DISTINCT FROM NEW.display_name OR OLD.handle IS DISTINCT FROM NEW.handle)
    EXECUTE FUNCTION channels_search_document_trigger()`.execute(db);
  await sql`UPDATE videos SET search_document = video_search_document(title, description, channel_id)`.execute(
    db,
  );

  await sql`CREATE INDEX videos_search_idx ON videos USING gin (search_document)
    WHERE state = 'ready' AND visibility = 'public'`.execute(db);
  await sql`CREATE INDEX videos_title_trigram_idx ON videos USING gin (lower(title) gin_trgm_ops)
    WHERE state = 'ready' AND visibility = 'public'`.execute(db);
  await sql`CREATE INDEX videos_most_viewed_idx ON videos (view_count DESC, id DESC)
    WHERE state = 'ready' AND visibility = 'public'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX videos_most_viewed_idx`.execute(db);
  await sql`DROP INDEX videos_title_trigram_idx`.execute(db);
  await sql`DROP INDEX videos_search_idx`.execute(db);
  await sql`DROP TRIGGER channels_search_document ON channels`.execute(db);
  await sql`DROP FUNCTION channels_search_document_trigger()`.execute(db);
  await sql`DROP TRIGGER videos_search_document ON videos`.execute(db);
  await sql`DROP FUNCTION videos_search_document_trigger()`.execute(db);
  await sql`DROP FUNCTION video_search_document(text, text, uuid)`.execute(db);
  await sql`ALTER TABLE videos DROP COLUMN search_document`.execute(db);
}
