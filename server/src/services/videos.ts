// What services and routes know of a video.
import type { RenditionRecord, VideoState, Visibility } from '../adapters/db/schema.js';

export type { RenditionRecord, VideoState, Visibility };

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

/** Where a video's files live in storage: one prefix per video, so a re-run never touches a neighbour. */
export const rawKey = (videoId: string) => `videos/${videoId}/source`;
export const processedPrefix = (videoId: string) => `videos/${videoId}/`;
