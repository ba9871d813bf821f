import { type Kysely, sql } from 'kysely';

/** View-count floors of the popularity tiers, as SearchRepository walks them. */
const POPULARITY_FLOORS = [100_000, 10_000, 1_000];

/**
 * Search that reads few rows, whatever the table's size.
 * - Popularity tiers: the most viewed matches of a common word are found among the videos of a high
 *   tier, through a small full-text index holding only that tier, instead of by reading every match.
 * - Title words: misspelt words are corrected against the distinct words of listed titles, a table far
 *   smaller than the titles themselves, and the corrected words are searched as typed ones are. Words
 *   are added when a title becomes listed and never removed: a stale word only suggests a search that
 *   finds nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const floor of POPULARITY_FLOORS) {
    await sql`CREATE INDEX ${sql.id(`videos_search_${floor}_idx`)} ON videos USING gin (search_document)
      WHERE state = 'ready' AND visibility = 'public' AND view_count >= ${sql.lit(floor)}`.execute(db);
  }

  await sql`CREATE TABLE search_words (word text PRIMARY KEY)`.execute(db);
  await sql`CREATE INDEX search_words_trigram_idx ON search_words USING gin (word gin_trgm_ops)`.execute(db);
  await sql`
    CREATE FUNCTION videos_search_words_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO search_words (word)
      SELECT unnest(tsvector_to_array(to_tsvector('simple', NEW.title)))
      ON CONFLICT DO NOTHING;
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER videos_search_words AFTER INSERT OR UPDATE OF title, state, visibility ON videos
    FOR EACH ROW WHEN (NEW.state = 'ready' AND NEW.visibility = 'public')
    EXECUTE FUNCTION videos_search_words_trigger()`.execute(db);
  await sql`
    INSERT INTO search_words (word)
    SELECT DISTINCT unnest(tsvector_to_array(to_tsvector('simple', title))) FROM videos
    WHERE state = 'ready' AND visibility = 'public'`.execute(db);
  await sql`DROP INDEX videos_title_trigram_idx`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX videos_title_trigram_idx ON videos USING gin (lower(title) gin_trgm_ops)
    WHERE state = 'ready' AND visibility = 'public'`.execute(db);
  await sql`DROP TRIGGER videos_search_words ON videos`.execute(db);
  await sql`DROP FUNCTION videos_search_words_trigger()`.execute(db);
  await sql`DROP TABLE search_words`.execute(db);
  for (const floor of POPULARITY_FLOORS) {
    await sql`DROP INDEX ${sql.id(`videos_search_${floor}_idx`)}`.execute(db);
  }
}
