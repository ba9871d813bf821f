// SQL for watch history: where each person stopped in each video, most recent first.
import type { Kysely } from 'kysely';
import type { PagePosition } from '../../domain/page.js';
import type { VideoWithChannel } from '../../domain/video.js';
import { rowsAfter } from './keyset.js';
import { selectVideosWithChannel, toVideoWithChannel, watchableBy } from './rows.js';
import type { Database } from './schema.js';

export interface WatchedVideo {
  video: VideoWithChannel;
  positionSeconds: number;
  watchedAt: Date;
}

export class WatchHistoryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Records a position unless the person paused their history; true when it was recorded. */
  async record(userId: string, videoId: string, positionSeconds: number): Promise<boolean> {
    const recorded = await this.db
      .insertInto('watch_history')
      .columns(['user_id', 'video_id', 'position_seconds', 'watched_at'])
      .expression((eb) =>
        eb
          .selectFrom('users')
          .select([
            'users.id',
            eb.val(videoId).as('video_id'),
            eb.val(positionSeconds).as('position_seconds'),
            eb.val(new Date()).as('watched_at'),
          ])
          .where('users.id', '=', userId)
          .where('users.history_paused', '=', false),
      )
      .onConflict((conflict) =>
        conflict.columns(['user_id', 'video_id']).doUpdateSet((eb) => ({
          position_seconds: eb.ref('excluded.position_seconds'),
          watched_at: eb.ref('excluded.watched_at'),
        })),
      )
      .returning('video_id')
      .executeTakeFirst();
    return recorded !== undefined;
  }

  async position(userId: string, videoId: string): Promise<number | undefined> {
    const row = await this.db
      .selectFrom('watch_history')
      .select('position_seconds')
      .where('user_id', '=', userId)
      .where('video_id', '=', videoId)
      .executeTakeFirst();
    return row?.position_seconds;
  }

  /** Videos I watched that I may still watch, most recently watched first. */
  async list(userId: string, limit: number, after?: PagePosition): Promise<WatchedVideo[]> {
    let query = selectVideosWithChannel(this.db)
      .innerJoin('watch_history', 'watch_history.video_id', 'videos.id')
      .select(['watch_history.position_seconds', 'watch_history.watched_at'])
      .where('watch_history.user_id', '=', userId)
      .where(watchableBy(userId));
    if (after) {
      query = query.where(
        rowsAfter(['watch_history.watched_at', 'watch_history.video_id'], [after.at, after.id]),
      );
    }
    const rows = await query
      .orderBy('watch_history.watched_at', 'desc')
      .orderBy('watch_history.video_id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      video: toVideoWithChannel(row),
      positionSeconds: row.position_seconds,
      watchedAt: row.watched_at,
    }));
  }

  async clear(userId: string): Promise<void> {
    await this.db.deleteFrom('watch_history').where('user_id', '=', userId).execute();
  }

  async setPaused(userId: string, paused: boolean): Promise<void> {
    await this.db.updateTable('users').set({ history_paused: paused }).where('id', '=', userId).execute();
  }

  async isPaused(userId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('users')
      .select('history_paused')
      .where('id', '=', userId)
      .executeTakeFirst();
    return row?.history_paused ?? false;
  }
}
