// SQL for lists of videos: the listed ones (newest, a channel's, the channels someone follows), the
// trending list, and someone's own videos in every state. Each is keyset-paged in the order of an index.
import type { Kysely } from 'kysely';
import type { VideoWithChannel } from '../../domain/video.js';
import { rowsAfter } from './keyset.js';
import { LISTED, LIVE_AND_LISTED, selectVideosWithChannel, toVideoWithChannel } from './rows.js';
import type { Database } from './schema.js';

export interface ListFilter {
  channelId?: string;
  /** Only channels this person subscribes to. */
  followedBy?: string;
  /** Leaves out what the trending list holds (the home feed shows those from there). */
  notTrending?: boolean;
}

export interface TrendingVideo {
  video: VideoWithChannel;
  score: number;
}

/** Where a page of listed videos ended: the next one starts strictly after it. */
export interface ListPosition {
  publishedAt: Date;
  id: string;
}

/** Where a page of someone's own videos ended: they are ordered by when the upload began. */
export interface OwnedPosition {
  createdAt: Date;
  id: string;
}

type VideoQuery = ReturnType<typeof selectVideosWithChannel>;

export class VideoListRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Listed (public, ready) videos, newest first, keyset-paged on (published_at, id); optionally of one
   * channel, or of the channels one person follows. Never anything unlisted, private or unfinished.
   */
  async listed(filter: ListFilter, limit: number, after?: ListPosition): Promise<VideoWithChannel[]> {
    let query = this.ofFilter(selectVideosWithChannel(this.db).where(LISTED), filter);
    if (filter.notTrending) {
      query = query.where((eb) =>
        eb.not(
          eb.exists(eb.selectFrom('trending_videos').whereRef('trending_videos.video_id', '=', 'videos.id')),
        ),
      );
    }
    if (after)
      query = query.where(rowsAfter(['videos.published_at', 'videos.id'], [after.publishedAt, after.id]));
    const rows = await query
      .orderBy('videos.published_at', 'desc')
      .orderBy('videos.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toVideoWithChannel);
  }

  /** Public videos live now (of one channel, or of the channels one person follows), newest first. */
  async liveNow(filter: ListFilter, limit: number): Promise<VideoWithChannel[]> {
    const rows = await this.ofFilter(selectVideosWithChannel(this.db).where(LIVE_AND_LISTED), filter)
      .orderBy('videos.live_started_at', 'desc')
      .orderBy('videos.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toVideoWithChannel);
  }

  private ofFilter<Query extends VideoQuery>(query: Query, filter: ListFilter): Query {
    let filtered = query;
    if (filter.channelId) filtered = filtered.where('videos.channel_id', '=', filter.channelId) as Query;
    if (filter.followedBy) {
      const followed = this.db
        .selectFrom('subscriptions')
        .select('channel_id')
        .where('subscriber_id', '=', filter.followedBy);
      filtered = filtered.where('videos.channel_id', 'in', followed) as Query;
    }
    return filtered;
  }

  /** Those of these videos that are listed, in no particular order. */
  async listedAmong(ids: readonly string[]): Promise<VideoWithChannel[]> {
    if (ids.length === 0) return [];
    const rows = await selectVideosWithChannel(this.db).where(LISTED).where('videos.id', 'in', ids).execute();
    return rows.map(toVideoWithChannel);
  }

  /**
   * Everything one person uploaded that is not deleted, in every state and visibility, newest upload
   * first, keyset-paged on (created_at, id): their studio.
   */
  async owned(ownerId: string, limit: number, after?: OwnedPosition): Promise<VideoWithChannel[]> {
    // created_at is stored to the millisecond, as a cursor holds it (migration 0013).
    let query = selectVideosWithChannel(this.db)
      .where('videos.owner_id', '=', ownerId)
      .where('videos.state', '!=', 'deleted');
    if (after)
      query = query.where(rowsAfter(['videos.created_at', 'videos.id'], [after.createdAt, after.id]));
    const rows = await query
      .orderBy('videos.created_at', 'desc')
      .orderBy('videos.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toVideoWithChannel);
  }

  /** The trending list, highest score first; videos no longer public and ready drop out. */
  async trending(limit: number, after?: { score: number; id: string }): Promise<TrendingVideo[]> {
    let query = selectVideosWithChannel(this.db)
      .innerJoin('trending_videos', 'trending_videos.video_id', 'videos.id')
      .select('trending_videos.score')
      .where(LISTED);
    if (after) {
      query = query.where(
        rowsAfter(['trending_videos.score', 'trending_videos.video_id'], [after.score, after.id]),
      );
    }
    const rows = await query
      .orderBy('trending_videos.score', 'desc')
      .orderBy('trending_videos.video_id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ video: toVideoWithChannel(row), score: row.score }));
  }
}
