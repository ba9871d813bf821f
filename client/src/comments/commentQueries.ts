// Comments of a video and replies of a comment, paged; every key starts with the video's, so one
// invalidation after a change refreshes its whole discussion.
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client.js';
import type { components } from '../api/schema.js';

export type Comment = components['schemas']['Comment'];
export type CommentSort = 'newest' | 'top';

export const discussionKey = (videoId: string) => ['comments', videoId] as const;
const limit = 20;

export function useComments(videoId: string, sort: CommentSort) {
  return useInfiniteQuery({
    queryKey: [...discussionKey(videoId), 'top-level', sort],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/videos/{id}/comments', {
          params: { path: { id: videoId }, query: { sort, limit, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useReplies(videoId: string, commentId: string) {
  return useInfiniteQuery({
    queryKey: [...discussionKey(videoId), 'replies', commentId],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/comments/{id}/replies', {
          params: { path: { id: commentId }, query: { limit, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}
