// A video: its states (awaiting_upload → queued → processing → ready | failed, or deleted), who may
// watch it, and the shapes its writes take.
import { holds, type Role } from './roles.js';

export type VideoState = 'awaiting_upload' | 'queued' | 'processing' | 'ready' | 'failed' | 'deleted';
export type Visibility = 'public' | 'unlisted' | 'private';
/**
 * Who may comment: everyone (`open`), nobody (`closed`: the comments are hidden, none is deleted), or
 * everyone with new comments held for the owner's approval (`held`).
 */
export type CommentPolicy = 'open' | 'closed' | 'held';
export const COMMENT_POLICIES: readonly CommentPolicy[] = ['open', 'closed', 'held'];

/** A video made by a live publish is live while its publisher sends, then ended. */
export type LiveState = 'live' | 'ended';
export interface LiveFacts {
  state: LiveState;
  startedAt: Date;
  endedAt: Date | null;
}

export interface RenditionRecord {
  name: string;
  width: number;
  height: number;
  frameRate: number;
  maxKbps: number;
}

export interface Video {
  id: string;
  ownerId: string;
  channelId: string;
  state: VideoState;
  visibility: Visibility;
  title: string;
  description: string;
  source: { fileName: string; size: number; contentType: string };
  uploadId: string | null;
  partSize: number;
  uploadExpiresAt: Date | null;
  progress: number;
  error: string | null;
  /** Its ladder can be played: ready, or being encoded with its first segments published. */
  playable: boolean;
  /** Signed into its playback tokens; moved on to withdraw every media URL handed out before. */
  playbackVersion: number;
  /** Withdrawn by moderators (hidden by one, or its owner suspended): only its owner and moderators see it. */
  hidden: boolean;
  /** Canonical BCP 47 tags of its captions, sorted. */
  captionLanguages: string[];
  /** Where the ladder's timeline begins (its first timestamp, in seconds): what captions are aligned to. */
  mediaStartSeconds: number;
  commentPolicy: CommentPolicy;
  /** Only for a video made by a live publish. */
  live: LiveFacts | null;
  durationSeconds: number | null;
  width: number | null;
  height: number | null;
  renditions: RenditionRecord[] | null;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
  counts: VideoCounts;
}

/** What a video page shows of the channel that published the video. */
export interface ChannelSummary {
  id: string;
  handle: string;
  displayName: string;
  avatarKey: string | null;
  subscriberCount: number;
}

export type VideoWithChannel = Video & { channel: ChannelSummary };

export interface VideoCounts {
  views: number;
  likes: number;
  dislikes: number;
  comments: number;
}

/** Others may watch a video once it is ready, or while it is encoded once its first segments are out. */
export function watchable(video: Video): boolean {
  return video.state === 'ready' || (video.state === 'processing' && video.playable);
}

/**
 * Whether `viewerId` (undefined: nobody signed in) may know the video exists at all: its owner always;
 * others once it is watchable and not private; a hidden one only moderators besides its owner. Deleted
 * videos are gone for everyone.
 */
export function visibleTo(video: Video, viewerId: string | undefined, role: Role = 'member'): boolean {
  if (video.state === 'deleted') return false;
  if (video.ownerId === viewerId) return true;
  return watchable(video) && video.visibility !== 'private' && (!video.hidden || holds(role, 'moderate'));
}

export interface NewVideo {
  id: string;
  ownerId: string;
  channelId: string;
  fileName: string;
  size: number;
  contentType: string;
  uploadId: string;
  partSize: number;
  uploadExpiresAt: Date;
}

/** What the owner says of a video when its upload completes. */
export interface PublishedDetails {
  title: string;
  description: string;
  visibility: Visibility;
}

/** What a finished transcode learnt of a video. */
export interface TranscodedDetails {
  durationSeconds: number;
  width: number;
  height: number;
  renditions: RenditionRecord[];
  /** Where the ladder's timeline begins: 0 unless the encoder shifted it (chunked encodes start at 1 s). */
  mediaStartSeconds?: number;
}

/** A video's playback version moved on: every playback token issued for a lower one is withdrawn. */
export interface PlaybackRevocation {
  videoId: string;
  minVersion: number;
}

/** What the owner may change later. */
export interface VideoEdit {
  title?: string;
  description?: string;
  visibility?: Visibility;
  commentPolicy?: CommentPolicy;
}
