// The comments held for my approval on all my videos: listed oldest first, approved or deleted. Either
// refreshes the list and every video's discussion (an approved comment shows there, and counts).
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, byId, unwrap } from './client.js';
import { commentKeys } from './comments.js';
import { cursorPaging } from './paging.js';
import { videoKeys } from './videos.js';

const heldKeys = { all: ['held-comments'] as const };

export function useHeldComments() {
  return useInfiniteQuery({
    queryKey: heldKeys.all,
    ...cursorPaging((cursor) =>
      unwrap(api.GET('/api/v1/me/held-comments', { params: { query: { limit: 20, cursor } } })),
    ),
  });
}

export function useHeldCommentActions() {
  const queryClient = useQueryClient();
  const refresh = (videoId: string) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: heldKeys.all }),
      queryClient.invalidateQueries({ queryKey: commentKeys.discussion(videoId) }),
      queryClient.invalidateQueries({ queryKey: videoKeys.one(videoId) }),
    ]);
  const approve = useMutation({
    mutationFn: ({ id }: { id: string; videoId: string }) =>
      unwrap(api.POST('/api/v1/comments/{id}/approval', byId(id))),
    onSuccess: (_approved, { videoId }) => refresh(videoId),
  });
  const remove = useMutation({
    mutationFn: ({ id }: { id: string; videoId: string }) =>
      unwrap(api.DELETE('/api/v1/comments/{id}', byId(id))),
    onSuccess: (_removed, { videoId }) => refresh(videoId),
  });
  return { approve, remove };
}
