// Comments of a video and replies of a comment, paged, and posting, editing and deleting them. Every key
// starts with the video's discussion, so one invalidation after a change refreshes all of it.
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, byId, unwrap } from './client.js';
import { cursorPaging } from './paging.js';
import type { components } from './schema.js';
import { videoKeys } from './videos.js';

export type Comment = components['schemas']['Comment'];
export type CommentSort = 'newest' | 'top';

const discussionKey = (videoId: string) => ['comments', videoId] as const;
export const commentKeys = {
  /** Every video's discussion (blocking someone changes them all). */
  all: ['comments'] as const,
  discussion: discussionKey,
  topLevel: (videoId: string, sort: CommentSort) => [...discussionKey(videoId), 'top-level', sort] as const,
  replies: (videoId: string, commentId: string) => [...discussionKey(videoId), 'replies', commentId] as const,
};
const limit = 20;

export function useComments(videoId: string, sort: CommentSort) {
  return useInfiniteQuery({
    queryKey: commentKeys.topLevel(videoId, sort),
    ...cursorPaging((cursor) =>
      unwrap(
        api.GET('/api/v1/videos/{id}/comments', {
          params: { path: { id: videoId }, query: { sort, limit, cursor } },
        }),
      ),
    ),
  });
}

export function useReplies(videoId: string, commentId: string) {
  return useInfiniteQuery({
    queryKey: commentKeys.replies(videoId, commentId),
    ...cursorPaging((cursor) =>
      unwrap(
        api.GET('/api/v1/comments/{id}/replies', {
          params: { path: { id: commentId }, query: { limit, cursor } },
        }),
      ),
    ),
  });
}

/** Posting, editing and deleting; each refreshes the video's discussion and its comment count. */
export function useCommentActions(videoId: string) {
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: commentKeys.discussion(videoId) }),
      queryClient.invalidateQueries({ queryKey: videoKeys.one(videoId) }),
    ]);

  const post = useMutation({
    mutationFn: (comment: { body: string; parentId?: string }) =>
      unwrap(api.POST('/api/v1/videos/{id}/comments', { ...byId(videoId), body: comment })),
    onSuccess: refresh,
  });
  const edit = useMutation({
    mutationFn: ({ id, body }: { id: string; body: string }) =>
      unwrap(api.PATCH('/api/v1/comments/{id}', { ...byId(id), body: { body } })),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/comments/{id}', byId(id))),
    onSuccess: refresh,
  });
  return { post, edit, remove };
}
