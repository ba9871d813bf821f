// SQL for views: applying buffered batches, and the trending list computed from recent daily views.
import { type Kysely, sql } from 'kysely';
import { parseViewField, type ViewCounts } from '../views/view-buffer.js';
import type { VideoChanged } from './changes.js';
import { LISTED } from './rows.js';
import type { Database } from './schema.js';

export interface TrendingWindow {
  /** Days of views counted, today included. */
  days: number;
  /** Weight of views older than yesterday, against 1 for today's and yesterday's. */
  olderWeight: number;
  size: number;
}

export class ViewRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly changed: VideoChanged,
  ) {}

  /** Adds a batch to the videos' totals and daily counts, once: a batch id seen before changes nothing. */
  async applyBatch(batchId: string, counts: ViewCounts): Promise<void> {
    const daily = [...counts].map(([field, views]) => ({ ...parseViewField(field), views }));
    const totals = new Map<string, number>();
    for (const { videoId, views } of daily) totals.set(videoId, (totals.get(videoId) ?? 0) + views);
    // Rows are locked in one order by every flusher, so two never deadlock.
    const ids = [...totals.keys()].sort();
    const applied = await this.db.transaction().execute(async (trx) => {
      const fresh = await trx
        .insertInto('view_batches')
        .values({ id: batchId })
        .onConflict((conflict) => conflict.doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!fresh) return false;
      await sql`
        UPDATE videos SET view_count = view_count + batch.views
        FROM unnest(${ids}::text[], ${ids.map((id) => totals.get(id))}::bigint[]) AS batch(id, views)
        WHERE videos.id = batch.id`.execute(trx);
      // Videos deleted since they were watched are skipped.
      await sql`
        INSERT INTO video_daily_views (video_id, day, views)
        SELECT batch.video_id, batch.day, batch.views
        FROM unnest(${daily.map((row) => row.videoId)}::text[], ${daily.map((row) => row.day)}::date[],
                    ${daily.map((row) => row.views)}::bigint[]) AS batch(video_id, day, views)
        JOIN videos ON videos.id = batch.video_id
        ORDER BY batch.video_id, batch.day
        ON CONFLICT (video_id, day) DO UPDATE SET views = video_daily_views.views + excluded.views`.execute(
        trx,
      );
      return true;
    });
    if (applied) await Promise.all(ids.map((id) => this.changed(id)));
  }

  /** Forgets applied batch ids old enough that no crashed flusher can still hold their batch. */
  async forgetBatchesBefore(before: Date): Promise<void> {
    await this.db.deleteFrom('view_batches').where('applied_at', '<', before).execute();
  }

  /** Replaces the trending list with the listed videos most watched in the window. */
  async refreshTrending({ days, olderWeight, size }: TrendingWindow): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('trending_videos').execute();
      const result = await sql`
        INSERT INTO trending_videos (video_id, score)
        SELECT daily.video_id,
               sum(daily.views * CASE WHEN daily.day >= current_date - 1 THEN 1 ELSE ${olderWeight}::float8 END)
                 AS score
        FROM video_daily_views daily
        JOIN videos ON videos.id = daily.video_id AND ${LISTED}
        WHERE daily.day > current_date - ${days}::int
        GROUP BY daily.video_id
        ORDER BY score DESC
        LIMIT ${size}`.execute(trx);
      return Number(result.numAffectedRows ?? 0);
    });
  }
}
