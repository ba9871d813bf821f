// Kysely table types: the one description of the SQL schema the code relies on.
import type { ColumnType, Generated } from 'kysely';
import type { SignUpMode } from '../../domain/instance-settings.js';
import type {
  AuditAction,
  AuditDetails,
  AuditTargetKind,
  ReportKind,
  ReportOutcome,
  ReportReason,
} from '../../domain/moderation.js';
import type { NotificationKind } from '../../domain/notification.js';
import type { PlaylistKind } from '../../domain/playlist.js';
import type { ReactionValue } from '../../domain/reaction.js';
import type { Role } from '../../domain/roles.js';
import type {
  CommentPolicy,
  LiveState,
  RenditionRecord,
  VideoState,
  Visibility,
} from '../../domain/video.js';

type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface UsersTable {
  id: Generated<string>;
  email: string;
  password_hash: string;
  created_at: CreatedAt;
  history_paused: Generated<boolean>;
  role: Generated<Role>;
  awaiting_approval: Generated<boolean>;
  /** Set while the account is suspended. */
  suspended_at: Date | null;
}

export interface ChannelsTable {
  id: Generated<string>;
  owner_id: string;
  handle: string;
  display_name: string;
  description: Generated<string>;
  avatar_key: string | null;
  subscriber_count: Generated<number>;
  video_count: Generated<number>;
  created_at: CreatedAt;
  /** Its owner's suspension, copied: channel pages leave it out. */
  suspended_at: Date | null;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: CreatedAt;
  expires_at: Date;
  last_seen_at: Generated<Date>;
  user_agent: string | null;
  ip: string | null;
}

export interface SubscriptionsTable {
  subscriber_id: string;
  channel_id: string;
  created_at: CreatedAt;
}

export interface VideoReactionsTable {
  video_id: string;
  user_id: string;
  value: ReactionValue;
  updated_at: Generated<Date>;
}

export interface VideosTable {
  id: string;
  owner_id: string;
  channel_id: string;
  state: VideoState;
  visibility: Generated<Visibility>;
  title: Generated<string>;
  description: Generated<string>;
  source_file_name: string;
  /** bigint: pg returns it as a string. */
  source_size: ColumnType<string, number, never>;
  source_content_type: string;
  upload_id: string | null;
  part_size: number;
  upload_expires_at: Date | null;
  progress: Generated<number>;
  error: string | null;
  duration_seconds: number | null;
  width: number | null;
  height: number | null;
  renditions: ColumnType<RenditionRecord[] | null, string | null, string | null>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
  published_at: Date | null;
  view_count: ColumnType<string, never, number>;
  like_count: ColumnType<string, never, number>;
  dislike_count: ColumnType<string, never, number>;
  comment_count: ColumnType<string, never, number>;
  playable: Generated<boolean>;
  playback_version: Generated<number>;
  /** Set while a moderator keeps the video hidden. */
  hidden_at: Date | null;
  /** Its owner's suspension, copied: lists leave the video out while it is set. */
  owner_suspended_at: Date | null;
  /** Canonical BCP 47 tags of the captions the video has, in the order they are offered. */
  caption_languages: Generated<string[]>;
  /** The first timestamp of the ladder's fMP4 timeline, in seconds. */
  media_start_seconds: Generated<number>;
  comment_policy: Generated<CommentPolicy>;
  /** Set on a video made by a live publish: live while its publisher sends, then ended. */
  live_state: LiveState | null;
  live_started_at: Date | null;
  live_ended_at: Date | null;
  /** While live: when the live process making it last said it still runs. */
  live_seen_at: Date | null;
  stream_key_id: string | null;
}

export interface CommentsTable {
  id: Generated<string>;
  video_id: string;
  author_id: string;
  parent_id: string | null;
  body: string;
  reply_count: Generated<number>;
  created_at: ColumnType<Date, Date, never>;
  edited_at: Date | null;
  deleted_at: Date | null;
  /** Awaiting the video owner's approval: seen only by its author and the owner, counted nowhere. */
  held: Generated<boolean>;
  /** Its author is blocked by the video's owner: seen only by its author, counted nowhere. */
  author_blocked: Generated<boolean>;
}

export interface ChannelBlocksTable {
  owner_id: string;
  blocked_id: string;
  created_at: Date;
}

export interface VideoDailyViewsTable {
  video_id: string;
  day: ColumnType<string, string, never>;
  /** bigint: pg returns it as a string. */
  views: ColumnType<string, number, never>;
}

export interface ViewBatchesTable {
  id: string;
  applied_at: Generated<Date>;
}

export interface BufferedViewsTable {
  id: Generated<string>;
  video_id: string;
  /** Read as a Date by the driver; written as `yyyy-mm-dd`. */
  day: ColumnType<Date, string, string>;
  /** Null until a flusher seals the row into a batch. */
  batch_id: string | null;
}

export interface UploadLedgerTable {
  id: Generated<string>;
  owner_id: string;
  bytes: ColumnType<string, number, number>;
  started_at: Date;
}

export interface ComputeLedgerTable {
  video_id: string;
  owner_id: string;
  gigapixels: number;
  recorded_at: Date;
}

export interface SecurityCountersTable {
  key: string;
  count: number;
  expires_at: Date;
}

export interface TrendingVideosTable {
  video_id: string;
  score: number;
}

export interface WatchHistoryTable {
  user_id: string;
  video_id: string;
  position_seconds: number;
  watched_at: Date;
  /** Counted in co_watch_counts already (the fold-co-watching job). */
  co_watch_folded: Generated<boolean>;
}

export interface CoWatchCountsTable {
  video_id: string;
  other_video_id: string;
  /** People who watched both videos. */
  viewers: number;
}

export interface NotificationsTable {
  id: Generated<string>;
  user_id: string;
  kind: NotificationKind;
  /** Null only for a report's outcome, which is about the report. */
  video_id: string | null;
  comment_id: string | null;
  actor_channel_id: string | null;
  report_id: string | null;
  created_at: ColumnType<Date, Date, never>;
  read_at: Date | null;
}

/** The distinct words of listed titles, to correct misspelt search words against. */
export interface SearchWordsTable {
  word: string;
}

/** The lease of a running job's attempt (adapters/queue/job-leases.ts); the job itself is pg-boss's. */
export interface JobLeasesTable {
  job_id: string;
  /** pg-boss's `started_on` of the attempt holding the lease: a later attempt of the same job does not. */
  attempt_started_on: Date;
  expires_at: Date;
}

/** A video encoded in chunks (adapters/db/chunked-transcode.repository.ts). */
export interface ChunkedTranscodesTable {
  video_id: string;
  /** The plan (media/chunked-transcode.ts), kept as the services give it. */
  plan: ColumnType<unknown, string, never>;
  /** The audio rendition's playlist, once encoded. */
  audio: ColumnType<unknown, string | null, string | null>;
  extras_done: Generated<boolean>;
  stitched_chunks: Generated<number>;
  playable: Generated<boolean>;
  lead_published: Generated<boolean>;
  audio_lead_published: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface TranscodeChunksTable {
  video_id: string;
  chunk_index: number;
  /** Each rung's playlist of the chunk's segments, once encoded. */
  playlists: ColumnType<unknown, string | null, string | null>;
  queued: Generated<boolean>;
}

/** Every open report on one video, comment or channel, gathered for the moderation queue. */
export interface ReportedItemsTable {
  id: Generated<string>;
  kind: ReportKind;
  item_id: string;
  report_count: Generated<number>;
  first_reported_at: Date;
  closed_at: Date | null;
  outcome: ReportOutcome | null;
}

export interface ReportsTable {
  id: Generated<string>;
  reported_item_id: string;
  reporter_id: string;
  reason: ReportReason;
  details: string | null;
  /** What was reported as the reporter saw it (a title, a comment, a channel's name). */
  subject: string | null;
  created_at: Date;
}

export interface PlaylistsTable {
  id: Generated<string>;
  owner_id: string;
  channel_id: string;
  kind: Generated<PlaylistKind>;
  title: string;
  description: Generated<string>;
  visibility: Visibility;
  item_count: Generated<number>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface PlaylistItemsTable {
  id: Generated<string>;
  playlist_id: string;
  video_id: string;
  position: number;
  added_at: Date;
}

export interface TranscodeWorkersTable {
  /** One per worker process, made when it starts. */
  id: string;
  /** How many transcode jobs it runs at once. */
  slots: number;
  seen_at: Date;
}

export interface StreamKeysTable {
  id: Generated<string>;
  owner_id: string;
  channel_id: string;
  name: string;
  /** SHA-256 of the key, hex: the key itself is shown once and never stored. */
  key_hash: string;
  created_at: CreatedAt;
  revoked_at: Date | null;
}

export interface ChatMessagesTable {
  /** bigint: pg returns it as a string. */
  id: ColumnType<string, never, never>;
  video_id: string;
  author_id: string;
  body: string;
  /** bigint: the message's latest write, from the `chat_revisions` sequence. */
  revision: ColumnType<string, string, string>;
  created_at: CreatedAt;
  deleted_at: Date | null;
}

export interface AuditLogTable {
  /** bigint: pg returns it as a string. */
  id: ColumnType<string, never, never>;
  /** Null for the command line. */
  actor_id: string | null;
  action: AuditAction;
  target_kind: AuditTargetKind;
  target_id: string;
  reason: string | null;
  details: ColumnType<AuditDetails, string, never>;
  created_at: Date;
}

/** One row: a quota left null follows the configuration. */
export interface InstanceSettingsTable {
  id: Generated<boolean>;
  name: string;
  description: string;
  sign_ups: SignUpMode;
  uploads_in_flight: number | null;
  /** bigint: pg returns it as a string. */
  bytes_per_day: ColumnType<string | null, number | null, number | null>;
  queued_videos: number | null;
  gigapixels_per_day: number | null;
  updated_at: Date;
}

export interface Database {
  users: UsersTable;
  channels: ChannelsTable;
  sessions: SessionsTable;
  videos: VideosTable;
  video_reactions: VideoReactionsTable;
  subscriptions: SubscriptionsTable;
  comments: CommentsTable;
  channel_blocks: ChannelBlocksTable;
  video_daily_views: VideoDailyViewsTable;
  view_batches: ViewBatchesTable;
  trending_videos: TrendingVideosTable;
  watch_history: WatchHistoryTable;
  co_watch_counts: CoWatchCountsTable;
  notifications: NotificationsTable;
  search_words: SearchWordsTable;
  buffered_views: BufferedViewsTable;
  upload_ledger: UploadLedgerTable;
  compute_ledger: ComputeLedgerTable;
  security_counters: SecurityCountersTable;
  job_leases: JobLeasesTable;
  chunked_transcodes: ChunkedTranscodesTable;
  transcode_chunks: TranscodeChunksTable;
  reported_items: ReportedItemsTable;
  reports: ReportsTable;
  audit_log: AuditLogTable;
  instance_settings: InstanceSettingsTable;
  playlists: PlaylistsTable;
  playlist_items: PlaylistItemsTable;
  transcode_workers: TranscodeWorkersTable;
  stream_keys: StreamKeysTable;
  chat_messages: ChatMessagesTable;
}
