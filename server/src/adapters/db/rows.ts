// Row shapes shared by several repositories: the channel columns, videos joined with their channel's
// summary (the base of every query that shows videos), who may see a video, and the mappers to the domain.
import { type Kysely, type Selectable, type Selection, type SqlBool, sql } from 'kysely';
import type { Channel } from '../../domain/account.js';
import type { Video, VideoWithChannel } from '../../domain/video.js';
import type { ChannelsTable, Database, VideosTable } from './schema.js';

export const CHANNEL_COLUMNS = [
  'channels.id',
  'channels.owner_id',
  'channels.handle',
  'channels.display_name',
  'channels.description',
  'channels.avatar_key',
  'channels.subscriber_count',
  'channels.video_count',
  'channels.created_at',
  'channels.suspended_at',
] as const;

type ChannelRow = Selection<Database, 'channels', (typeof CHANNEL_COLUMNS)[number]>;

export function toChannel(row: ChannelRow): Channel {
  return {
    id: row.id,
    ownerId: row.owner_id,
    handle: row.handle,
    displayName: row.display_name,
    description: row.description,
    avatarKey: row.avatar_key,
    subscriberCount: row.subscriber_count,
    videoCount: row.video_count,
    createdAt: row.created_at,
    suspended: row.suspended_at !== null,
  };
}

/** Videos joined with their channel's summary. */
export function selectVideosWithChannel(db: Kysely<Database>) {
  return db
    .selectFrom('videos')
    .innerJoin('channels', 'channels.id', 'videos.channel_id')
    .selectAll('videos')
    .select(['channels.handle', 'channels.display_name', 'channels.avatar_key', 'channels.subscriber_count']);
}

/** Neither hidden by a moderator nor its owner's account suspended: columns of the video's own row. */
const NOT_WITHDRAWN = sql<SqlBool>`videos.hidden_at IS NULL AND videos.owner_suspended_at IS NULL`;

/**
 * Listed videos: public and ready, in the words of the lists' partial indexes, and not withdrawn by
 * moderators (a hidden video, or one of a suspended account, is in no list, whoever asks).
 */
export const LISTED = sql<SqlBool>`(videos.state = 'ready' AND videos.visibility = 'public' AND ${NOT_WITHDRAWN})`;

/**
 * Live now and listed but for being ready: public, playable (its first segments out), not withdrawn. Few
 * at a time; the partial index on live videos finds them.
 */
export const LIVE_AND_LISTED = sql<SqlBool>`(videos.live_state = 'live' AND videos.playable AND videos.visibility = 'public' AND ${NOT_WITHDRAWN})`;

/** Ready videos this person (or anyone, signed out) may watch: neither private nor withdrawn, and their own. */
export function watchableBy(userId: string | undefined) {
  const forAnyone = sql<SqlBool>`(videos.visibility != 'private' AND ${NOT_WITHDRAWN})`;
  const allowed =
    userId === undefined ? forAnyone : sql<SqlBool>`(${forAnyone} OR videos.owner_id = ${userId})`;
  return sql<SqlBool>`(videos.state = 'ready' AND ${allowed})`;
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

export function toVideo(row: Selectable<VideosTable>): Video {
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
    playbackVersion: row.playback_version,
    hidden: row.hidden_at !== null || row.owner_suspended_at !== null,
    captionLanguages: row.caption_languages,
    mediaStartSeconds: row.media_start_seconds,
    commentPolicy: row.comment_policy,
    live:
      row.live_state && row.live_started_at
        ? { state: row.live_state, startedAt: row.live_started_at, endedAt: row.live_ended_at }
        : null,
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
