// Playing a playlist: which of its videos comes after the one playing, in order or shuffled, and whether it
// starts over at the end; and the watch page address that plays a video of a playlist with those choices.
import type { Video } from '../api/client.js';

export interface PlayOrder {
  shuffle: boolean;
  loop: boolean;
}

/** The watch page of `videoId` as part of playlist `listId`, keeping the viewer's play order. */
export function watchInPlaylist(videoId: string, listId: string, { shuffle, loop }: PlayOrder): string {
  const query = new URLSearchParams({ list: listId });
  if (shuffle) query.set('shuffle', '1');
  if (loop) query.set('loop', '1');
  return `/watch/${videoId}?${query}`;
}

/**
 * The video after `currentId` among the playable ones: the next in order (the first when the current one is
 * not in the list), or any other at random when shuffled; past the end only when looping.
 */
export function nextInPlaylist(
  videos: Video[],
  currentId: string,
  { shuffle, loop }: PlayOrder,
  random: () => number = Math.random,
): Video | undefined {
  const index = videos.findIndex((video) => video.id === currentId);
  if (shuffle) {
    const others = videos.filter((video) => video.id !== currentId);
    return others[Math.floor(random() * others.length)] ?? (loop ? videos[index] : undefined);
  }
  if (index === -1) return videos[0];
  return videos[index + 1] ?? (loop ? videos[0] : undefined);
}
