// SQL for videos and their state machine: awaiting_upload → queued → processing → ready | failed.
// Every write reports the video as changed once it is committed, so caches of it can never be forgotten.
import { type Kysely, type Selectable, sql } from 'kysely';
import type {
  NewVideo,
  PublishedDetails,
  TranscodedDetails,
  Video,
  VideoEdit,
  VideoWithChannel,
} from '../../domain/video.js';
import type { ChannelsTable, Database, VideosTable } from './schema.js';

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

/** Where a page ended: the next one starts strictly after it. */
export interface ListPosition {
  publishedAt: Date;
  id: string;
}

/** Where a page of someone's own videos ended: they are ordered by when the upload began. */
export interface OwnedPosition {
  createdAt: Date;
  id: string;
}

/** Told after each committed write to a video. */
export type VideoChanged = (videoId: string) => Promise<void>;

export class VideoRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly changed: VideoChanged,
  ) {}

  async insert(video: NewVideo): Promise<Video> {
    const row = await this.db
      .insertInto('videos')
      .values({
        id: video.id,
        owner_id: video.ownerId,
        channel_id: video.channelId,
        state: 'awaiting_upload',
        source_file_name: video.fileName,
        source_size: video.size,
        source_content_type: video.contentType,
        upload_id: video.uploadId,
        part_size: video.partSize,
        upload_expires_at: video.uploadExpiresAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await this.changed(video.id);
    return toVideo(row);
  }

  async findById(id: string): Promise<Video | undefined> {
    const row = await this.db.selectFrom('videos').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toVideo(row);
  }

  /** The video with its channel's summary: everything its page shows, in one query. */
  async findWithChannel(id: string): Promise<VideoWithChannel | undefined> {
    const row = await this.withChannel().where('videos.id', '=', id).executeTakeFirst();
    return row && toVideoWithChannel(row);
  }

  /**
   * Public, ready videos, newest first, keyset-paged on (published_at, id); optionally of one channel, or
   * of the channels one person follows. Never anything unlisted, private or unfinished.
   */
  async listListed(filter: ListFilter, limit: number, after?: ListPosition): Promise<VideoWithChannel[]> {
    let query = this.withChannel()
      .where('videos.state', '=', 'ready')
      .where('videos.visibility', '=', 'public');
    if (filter.channelId) query = query.where('videos.channel_id', '=', filter.channelId);
    if (filter.followedBy) {
      const followed = this.db
        .selectFrom('subscriptions')
        .select('channel_id')
        .where('subscriber_id', '=', filter.followedBy);
      query = query.where('videos.channel_id', 'in', followed);
    }
    if (filter.notTrending) {
      query = query.where((eb) =>
        eb.not(
          eb.exists(eb.selectFrom('trending_videos').whereRef('trending_videos.video_id', '=', 'videos.id')),
        ),
      );
    }
    if (after) {
      query = query.where((eb) =>
        eb.or([
          eb('videos.published_at', '<', after.publishedAt),
          eb.and([eb('videos.published_at', '=', after.publishedAt), eb('videos.id', '<', after.id)]),
        ]),
      );
    }
    const rows = await query
      .orderBy('videos.published_at', 'desc')
      .orderBy('videos.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toVideoWithChannel);
  }

  /**
   * Everything one person uploaded that is not deleted, in every state and visibility, newest upload
   * first, keyset-paged on (created_at, id): their studio.
   */
  async listOwned(ownerId: string, limit: number, after?: OwnedPosition): Promise<VideoWithChannel[]> {
    // created_at is stored to the millisecond, as a cursor holds it (migration 0013).
    let query = this.withChannel()
      .where('videos.owner_id', '=', ownerId)
      .where('videos.state', '!=', 'deleted');
    if (after)
      query = query.where(sql<boolean>`(videos.created_at, videos.id) < (${after.createdAt}, ${after.id})`);
    const rows = await query
      .orderBy('videos.created_at', 'desc')
      .orderBy('videos.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toVideoWithChannel);
  }

  /** The trending list, highest score first; videos no longer public and ready drop out. */
  async listTrending(limit: number, after?: { score: number; id: string }): Promise<TrendingVideo[]> {
    let query = this.withChannel()
      .innerJoin('trending_videos', 'trending_videos.video_id', 'videos.id')
      .select('trending_videos.score')
      .where('videos.state', '=', 'ready')
      .where('videos.visibility', '=', 'public');
    if (after) {
      query = query.where((eb) =>
        eb(
          eb.refTuple('trending_videos.score', 'trending_videos.video_id'),
          '<',
          eb.tuple(after.score, after.id),
        ),
      );
    }
    const rows = await query
      .orderBy('trending_videos.score', 'desc')
      .orderBy('trending_videos.video_id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ video: toVideoWithChannel(row), score: row.score }));
  }

  /** Videos joined with their channel's summary: the base of every query that shows videos. */
  withChannel() {
    return this.db
      .selectFrom('videos')
      .innerJoin('channels', 'channels.id', 'videos.channel_id')
      .selectAll('videos')
      .select([
        'channels.handle',
        'channels.display_name',
        'channels.avatar_key',
        'channels.subscriber_count',
      ]);
  }

  async idsOfChannel(channelId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('videos')
      .select('id')
      .where('channel_id', '=', channelId)
      .execute();
    return rows.map((row) => row.id);
  }

  /**
   * Moves an uploaded video to `queued` and, in the same transaction, enqueues its job: both happen or neither.
   * Returns false when the video was no longer awaiting its upload (a second call changes nothing).
   */
  async queue(
    id: string,
    details: PublishedDetails,
    enqueue: (transaction: Kysely<Database>) => Promise<unknown>,
  ): Promise<boolean> {
    const queued = await this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('videos')
        .set({
          ...details,
          state: 'queued',
          upload_id: null,
          upload_expires_at: null,
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .where('state', '=', 'awaiting_upload')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return false;
      await enqueue(trx);
      return true;
    });
    if (queued) await this.changed(id);
    return queued;
  }

  /** Changes what the owner may edit; undefined when the video is gone. */
  async edit(id: string, edit: VideoEdit): Promise<Video | undefined> {
    const row = await this.db
      .updateTable('videos')
      .set({ ...edit, updated_at: new Date() })
      .where('id', '=', id)
      .where('state', '!=', 'deleted')
      .returningAll()
      .executeTakeFirst();
    await this.changed(id);
    return row && toVideo(row);
  }

  /** Claims a queued (or retried) video for processing; undefined if it is gone or already finished. */
  async startProcessing(id: string): Promise<Video | undefined> {
    const row = await this.db
      .updateTable('videos')
      .set({ state: 'processing', progress: 0, error: null, playable: false, updated_at: new Date() })
      .where('id', '=', id)
      .where('state', 'in', ['queued', 'processing'])
      .returningAll()
      .executeTakeFirst();
    await this.changed(id);
    return row && toVideo(row);
  }

  /**
   * Marks a video being encoded as playable (its first segments are published) or, when its partial
   * output is withdrawn, as not. False when it is no longer processing.
   */
  async setPlayableWhileProcessing(id: string, playable: boolean): Promise<boolean> {
    const updated = await this.db
      .updateTable('videos')
      .set({ playable, updated_at: new Date() })
      .where('id', '=', id)
      .where('state', '=', 'processing')
      .executeTakeFirst();
    await this.changed(id);
    return Number(updated.numUpdatedRows) === 1;
  }

  async reportProgress(id: string, percent: number): Promise<void> {
    await this.db
      .updateTable('videos')
      .set({ progress: percent, updated_at: new Date() })
      .where('id', '=', id)
      .where('state', '=', 'processing')
      .execute();
    await this.changed(id);
  }

  /**
   * Publishes a transcoded video; `announce` runs in the same transaction (it enqueues the notifications
   * of subscribers), so a published video is always announced. False if it was no longer processing.
   */
  async markReady(
    id: string,
    details: TranscodedDetails,
    announce?: (transaction: Kysely<Database>) => Promise<unknown>,
  ): Promise<boolean> {
    const now = new Date();
    const published = await this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('videos')
        .set({
          state: 'ready',
          progress: 100,
          playable: true,
          duration_seconds: details.durationSeconds,
          width: details.width,
          height: details.height,
          renditions: JSON.stringify(details.renditions),
          published_at: now,
          updated_at: now,
        })
        .where('id', '=', id)
        .where('state', '=', 'processing')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return false;
      await announce?.(trx);
      return true;
    });
    await this.changed(id);
    return published;
  }

  async markFailed(id: string, message: string): Promise<void> {
    await this.db
      .updateTable('videos')
      .set({ state: 'failed', error: message, playable: false, updated_at: new Date() })
      .where('id', '=', id)
      .where('state', 'in', ['queued', 'processing'])
      .execute();
    await this.changed(id);
  }

  async markDeleted(id: string): Promise<void> {
    await this.db
      .updateTable('videos')
      .set({ state: 'deleted', upload_id: null, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await this.changed(id);
  }

  /** Uploads whose bytes never all arrived before their deadline. */
  async findExpiredUploads(now: Date, limit: number): Promise<Video[]> {
    const rows = await this.db
      .selectFrom('videos')
      .selectAll()
      .where('state', '=', 'awaiting_upload')
      .where('upload_expires_at', '<', now)
      .orderBy('upload_expires_at')
      .limit(limit)
      .execute();
    return rows.map(toVideo);
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('videos').where('id', '=', id).execute();
    await this.changed(id);
  }
}

type VideoWithChannelRow = Selectable<VideosTable> &
  Pick<Selectable<ChannelsTable>, 'handle' | 'display_name' | 'avatar_key' | 'subscriber_count'>;

export function toVideoWithChannel(row: VideoWithChannelRow): VideoWithChannel {
  return {
    ...toVideo(row),
    channel: {
      id: row.channel_id,
      handle: row.handle,
      displayName: row.display_name,
      avatarKey: row.avatar_key,
      subscriberCount: row.subscriber_count,
    },
  };
}

function toVideo(row: Selectable<VideosTable>): Video {
  return {
    id: row.id,
    ownerId: row.owner_id,
    channelId: row.channel_id,
    state: row.state,
    visibility: row.visibility,
    title: row.title,
    description: row.description,
    source: {
      fileName: row.source_file_name,
      size: Number(row.source_size),
      contentType: row.source_content_type,
    },
    uploadId: row.upload_id,
    partSize: row.part_size,
    uploadExpiresAt: row.upload_expires_at,
    progress: row.progress,
    error: row.error,
    playable: row.playable,
    durationSeconds: row.duration_seconds,
    width: row.width,
    height: row.height,
    renditions: row.renditions,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
    counts: {
      views: Number(row.view_count),
      likes: Number(row.like_count),
      dislikes: Number(row.dislike_count),
      comments: Number(row.comment_count),
    },
  };
}
