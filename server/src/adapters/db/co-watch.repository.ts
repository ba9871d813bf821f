// SQL for co-watch counts: folding new watch history into them, and a video's most co-watched listed
// videos. Each history row is folded once, paired with that person's other watched videos.
import { type Kysely, sql } from 'kysely';
import { LISTED } from './rows.js';
import type { Database } from './schema.js';

export interface FoldBatch {
  /** People whose new history rows are folded in one transaction. */
  people: number;
  /** A new row is paired with at most this many of the person's most recently watched other videos. */
  partners: number;
}

export class CoWatchRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Folds the unfolded history of up to `people` people; how many rows it folded (0: none was left). */
  async foldNext({ people, partners }: FoldBatch): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      // Locked, so a fold running beside this one waits, then finds them folded and skips them.
      const batch = await sql<{ user_id: string; video_id: string }>`
        SELECT user_id, video_id FROM watch_history
        WHERE NOT co_watch_folded
          AND user_id IN (SELECT DISTINCT user_id FROM watch_history WHERE NOT co_watch_folded LIMIT ${people})
        ORDER BY user_id, video_id
        FOR UPDATE`.execute(trx);
      if (batch.rows.length === 0) return 0;
      const users = batch.rows.map((row) => row.user_id);
      const videos = batch.rows.map((row) => row.video_id);
      // A pair of this batch is counted from its larger id only, so once; an unfolded row outside the
      // batch (written since it was read) is left for the next fold, which pairs it with this one.
      await sql`
        WITH batch AS (SELECT * FROM unnest(${users}::uuid[], ${videos}::text[]) AS b(user_id, video_id)),
        pairs AS (
          SELECT batch.video_id AS first, partner.video_id AS second
          FROM batch
          CROSS JOIN LATERAL (
            SELECT other.video_id FROM watch_history other
            WHERE other.user_id = batch.user_id AND other.video_id <> batch.video_id
              AND (other.co_watch_folded OR (other.video_id < batch.video_id AND EXISTS (
                SELECT 1 FROM batch mine WHERE mine.user_id = other.user_id AND mine.video_id = other.video_id)))
            ORDER BY other.watched_at DESC
            LIMIT ${partners}) AS partner
        ),
        both_ways AS (SELECT first, second FROM pairs UNION ALL SELECT second, first FROM pairs)
        INSERT INTO co_watch_counts (video_id, other_video_id, viewers)
        SELECT first, second, count(*) FROM both_ways GROUP BY first, second
        ORDER BY first, second
        ON CONFLICT (video_id, other_video_id)
          DO UPDATE SET viewers = co_watch_counts.viewers + excluded.viewers`.execute(trx);
      await sql`
        UPDATE watch_history SET co_watch_folded = true
        FROM unnest(${users}::uuid[], ${videos}::text[]) AS batch(user_id, video_id)
        WHERE watch_history.user_id = batch.user_id AND watch_history.video_id = batch.video_id`.execute(trx);
      return batch.rows.length;
    });
  }

  /** Ids of the listed videos most people watched along with this one, most first. */
  async mostCoWatched(videoId: string, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('co_watch_counts')
      .innerJoin('videos', 'videos.id', 'co_watch_counts.other_video_id')
      .select('co_watch_counts.other_video_id')
      .where('co_watch_counts.video_id', '=', videoId)
      .where(LISTED)
      .orderBy('co_watch_counts.viewers', 'desc')
      .orderBy('co_watch_counts.other_video_id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => row.other_video_id);
  }
}
