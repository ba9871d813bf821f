// A video as the API shows it to me, shared by every component of the watch page through one cache key;
// reacting to it, editing or deleting mine, and reporting views and where I am in it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, byId, type JsonBody, unwrap, type Video } from './client.js';
import { feedKeys } from './feeds.js';

type VideoChanges = JsonBody<'/api/v1/videos/{id}', 'patch'>;
export type Reaction = 'like' | 'dislike';

export const videoKeys = {
  all: ['video'] as const,
  one: (id: string) => ['video', id] as const,
};

/** How often a live video is asked for again: its viewer count, and whether it ended. */
const LIVE_REFRESH_MS = 15_000;

export function useVideo(id: string) {
  return useQuery({
    queryKey: videoKeys.one(id),
    queryFn: () => unwrap(api.GET('/api/v1/videos/{id}', byId(id))),
    refetchInterval: (query) => (query.state.data?.live?.state === 'live' ? LIVE_REFRESH_MS : false),
  });
}

/** Asks for a video again: its state, counts or where to resume changed on the server. */
export function useRefreshVideo() {
  const queryClient = useQueryClient();
  return useCallback(
    (id: string) => queryClient.invalidateQueries({ queryKey: videoKeys.one(id) }),
    [queryClient],
  );
}

/** Likes or dislikes; my current reaction chosen again takes it back. */
export function useReaction(video: Video) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (value: Reaction) =>
      video.myReaction === value
        ? unwrap(api.DELETE('/api/v1/videos/{id}/reaction', byId(video.id)))
        : unwrap(api.PUT('/api/v1/videos/{id}/reaction', { ...byId(video.id), body: { value } })),
    onSuccess: (summary) =>
      queryClient.setQueryData<Video>(videoKeys.one(video.id), (old) => old && { ...old, ...summary }),
  });
}

/** Saves the details of my video; `onSaved` runs before the feeds (the studio's list among them) refresh. */
export function useEditVideo(id: string, onSaved: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: VideoChanges) =>
      unwrap(api.PATCH('/api/v1/videos/{id}', { ...byId(id), body: changes })),
    onSuccess: (saved) => {
      queryClient.setQueryData(videoKeys.one(id), saved);
      onSaved();
      return queryClient.invalidateQueries({ queryKey: feedKeys.all });
    },
  });
}

/** Deletes my video; `onDeleted` runs before the feeds (the studio's list among them) refresh. */
export function useDeleteVideo(id: string, onDeleted: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/videos/{id}', byId(id))),
    onSuccess: () => {
      onDeleted();
      queryClient.removeQueries({ queryKey: videoKeys.one(id) });
      return queryClient.invalidateQueries({ queryKey: feedKeys.all });
    },
  });
}

/**
 * Opens a video to watch: the ticket its view report carries, or undefined when none came. The server
 * tells anonymous viewers apart by a signed cookie it sets here.
 */
export async function takeWatchTicket(id: string) {
  const answer = await api.POST('/api/v1/videos/{id}/watch-tickets', byId(id)).catch(() => undefined);
  return answer?.data;
}

/** Counts a view (one per viewer and hour, on a ticket at least `watchedSeconds` old); nothing waits. */
export function countView(id: string, ticket: string, watchedSeconds: number) {
  return api.POST('/api/v1/videos/{id}/views', { ...byId(id), body: { ticket, watchedSeconds } });
}

/** Says I am watching a live video now (its viewer count); a failure waits for the next report. */
export function reportPresence(id: string, ticket: string | undefined) {
  return api
    .POST('/api/v1/videos/{id}/presence', { ...byId(id), body: ticket ? { ticket } : {} })
    .catch(() => undefined);
}

/** Stores where I am in a video, for my history and for resuming. */
export function savePosition(id: string, positionSeconds: number) {
  return api.PUT('/api/v1/videos/{id}/progress', { ...byId(id), body: { positionSeconds } });
}
