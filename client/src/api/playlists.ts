// Playlists: mine (Watch later first), a channel's, one playlist and its items in order, and the owner's
// changes. Every key starts with 'playlists', so a change refreshes every list that could show it.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, byId, type JsonBody, retryUnlessRefused, unwrap } from './client.js';
import { cursorPaging } from './paging.js';
import type { components } from './schema.js';

export type Playlist = components['schemas']['Playlist'];
export type PlaylistItem = components['schemas']['PlaylistItem'];
export type NewPlaylist = JsonBody<'/api/v1/playlists', 'post'>;
export type PlaylistChanges = JsonBody<'/api/v1/playlists/{id}', 'patch'>;

const PAGE_SIZE = 100;

const playlistKeys = {
  all: ['playlists'] as const,
  mine: (videoId?: string) => ['playlists', 'mine', videoId ?? null] as const,
  channel: (handle: string) => ['playlists', 'channel', handle.toLowerCase()] as const,
  one: (id: string) => ['playlists', 'one', id] as const,
  items: (id: string) => ['playlists', 'one', id, 'items'] as const,
};

/** Every one of my playlists (a person has few), each saying whether it holds `videoId` when given. */
export function useMyPlaylists(videoId?: string, enabled = true) {
  return useInfiniteQuery({
    queryKey: playlistKeys.mine(videoId),
    ...cursorPaging((cursor) =>
      unwrap(api.GET('/api/v1/me/playlists', { params: { query: { cursor, limit: PAGE_SIZE, videoId } } })),
    ),
    enabled,
  });
}

export function useChannelPlaylists(handle: string) {
  return useInfiniteQuery({
    queryKey: playlistKeys.channel(handle),
    ...cursorPaging((cursor) =>
      unwrap(
        api.GET('/api/v1/channels/{handle}/playlists', {
          params: { path: { handle }, query: { cursor, limit: PAGE_SIZE } },
        }),
      ),
    ),
  });
}

export function usePlaylist(id: string | null) {
  return useQuery({
    queryKey: playlistKeys.one(id ?? ''),
    queryFn: () => unwrap(api.GET('/api/v1/playlists/{id}', byId(id ?? ''))),
    enabled: id !== null,
    retry: retryUnlessRefused,
  });
}

export function usePlaylistItems(id: string | null) {
  return useInfiniteQuery({
    queryKey: playlistKeys.items(id ?? ''),
    ...cursorPaging((cursor) =>
      unwrap(
        api.GET('/api/v1/playlists/{id}/items', {
          params: { path: { id: id ?? '' }, query: { cursor, limit: PAGE_SIZE } },
        }),
      ),
    ),
    enabled: id !== null,
    retry: retryUnlessRefused,
  });
}

/** The owner's changes to playlists and their items; each refreshes every playlist list. */
export function usePlaylistActions() {
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: playlistKeys.all });
  const create = useMutation({
    mutationFn: (playlist: NewPlaylist) => unwrap(api.POST('/api/v1/playlists', { body: playlist })),
    onSuccess,
  });
  const update = useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: PlaylistChanges }) =>
      unwrap(api.PATCH('/api/v1/playlists/{id}', { ...byId(id), body: changes })),
    onSuccess,
  });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/playlists/{id}', byId(id))),
    onSuccess,
  });
  const addItem = useMutation({
    mutationFn: ({ id, videoId }: { id: string; videoId: string }) =>
      unwrap(api.POST('/api/v1/playlists/{id}/items', { ...byId(id), body: { videoId } })),
    onSuccess,
  });
  const removeItem = useMutation({
    mutationFn: ({ id, itemId }: { id: string; itemId: string }) =>
      unwrap(api.DELETE('/api/v1/playlists/{id}/items/{itemId}', { params: { path: { id, itemId } } })),
    onSuccess,
  });
  const moveItem = useMutation({
    mutationFn: ({ id, itemId, placement }: { id: string; itemId: string; placement: Placement }) =>
      unwrap(
        api.PUT('/api/v1/playlists/{id}/items/{itemId}/position', {
          params: { path: { id, itemId } },
          body: placement,
        }),
      ),
    onSuccess,
  });
  return { create, update, remove, addItem, removeItem, moveItem };
}

export type Placement = { before: string } | { after: string };
