// Playlists: an account's ordered lists of videos, public, unlisted or private, and the "Watch later" list
// every account has. A video another viewer may no longer watch keeps its place for the owner, shown as
// unavailable, and is left out for everyone else.
import type { VideoWithChannel, Visibility } from './video.js';

export type PlaylistKind = 'playlist' | 'watch_later';

export const MAX_PLAYLIST_ITEMS = 5_000;
export const MAX_PLAYLIST_TITLE_LENGTH = 150;
export const MAX_PLAYLIST_DESCRIPTION_LENGTH = 5_000;
export const WATCH_LATER_TITLE = 'Watch later';

export interface Playlist {
  id: string;
  ownerId: string;
  kind: PlaylistKind;
  title: string;
  description: string;
  visibility: Visibility;
  itemCount: number;
  channel: { id: string; handle: string; displayName: string };
  createdAt: Date;
  updatedAt: Date;
}

/** A playlist as lists show it: with the first video the viewer may watch, for its picture. */
export interface ListedPlaylist extends Playlist {
  firstVideo: { id: string; playbackVersion: number } | null;
  /** The item holding the video asked about, when one was: null when it is not there. */
  videoItemId?: string | null;
}

export interface NewPlaylist {
  title: string;
  description: string;
  visibility: Visibility;
}

export type PlaylistChanges = Partial<NewPlaylist>;

export interface PlaylistItem {
  id: string;
  position: number;
  addedAt: Date;
  videoId: string;
  /** Null when the viewer may not watch the video (private, hidden, deleted, not ready). */
  video: VideoWithChannel | null;
}

/** Where a moved item goes: just before or just after another item of the same list. */
export type ItemPlacement = { before: string } | { after: string };

/**
 * A place between two neighbours (either may be missing at an end of the list), or undefined once the
 * numbers between them are too close to tell apart; the list is then numbered afresh.
 */
export function positionBetween(previous: number | undefined, next: number | undefined): number | undefined {
  if (previous === undefined && next === undefined) return 1;
  if (previous === undefined) return (next as number) - 1;
  if (next === undefined) return previous + 1;
  const middle = previous + (next - previous) / 2;
  return middle > previous && middle < next ? middle : undefined;
}

/** Who may see a playlist at all: anyone with its link unless it is private. */
export function playlistVisibleTo(playlist: Playlist, viewerId: string | undefined): boolean {
  return playlist.visibility !== 'private' || playlist.ownerId === viewerId;
}
