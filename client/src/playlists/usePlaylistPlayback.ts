// The playlist a watch page plays (`?list=`, with `&shuffle=1` and `&loop=1` as the viewer chose): its data,
// its items (read on until the playing video is among them), the play order, and what comes next.
import { useEffect, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { Video } from '../api/client.js';
import { usePlaylist, usePlaylistItems } from '../api/playlists.js';
import { nextInPlaylist, type PlayOrder, watchInPlaylist } from './playlistQueue.js';

export function usePlaylistPlayback(currentId: string) {
  const [query, setQuery] = useSearchParams();
  const listId = query.get('list');
  const order: PlayOrder = { shuffle: query.get('shuffle') === '1', loop: query.get('loop') === '1' };
  const playlist = usePlaylist(listId);
  const pages = usePlaylistItems(listId);
  const items = useMemo(() => pages.data?.pages.flatMap((page) => page.items) ?? [], [pages.data]);
  const found = items.some((item) => item.video?.id === currentId);

  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;
  useEffect(() => {
    if (!found && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [found, hasNextPage, isFetchingNextPage, fetchNextPage]);

  // Drawn once per video and order, so a shuffled pick does not change while the countdown runs.
  const { shuffle, loop } = order;
  const next = useMemo(() => {
    const videos = items.flatMap((item) => (item.video ? [item.video] : []));
    return nextInPlaylist(videos, currentId, { shuffle, loop });
  }, [items, currentId, shuffle, loop]);

  function changeOrder(changed: PlayOrder) {
    if (!listId) return;
    const params = new URLSearchParams(watchInPlaylist(currentId, listId, changed).split('?')[1]);
    setQuery(params, { replace: true });
  }

  if (!listId || !playlist.data) return null;
  const queued: QueuedVideo | undefined = next && {
    video: next,
    to: watchInPlaylist(next.id, listId, order),
  };
  return { playlist: playlist.data, items, order, changeOrder, queued };
}

/** A video to play next, and the address that plays it. */
export interface QueuedVideo {
  video: Video;
  to: string;
}
