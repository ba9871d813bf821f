// Posting, editing and deleting comments; each refreshes the video's discussion and its comment count.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client.js';
import { videoKey } from '../api/videos.js';
import { discussionKey } from './commentQueries.js';

export function useCommentActions(videoId: string) {
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: discussionKey(videoId) }),
      queryClient.invalidateQueries({ queryKey: videoKey(videoId) }),
    ]);

  const post = useMutation({
    mutationFn: (comment: { body: string; parentId?: string }) =>
      unwrap(api.POST('/api/v1/videos/{id}/comments', { params: { path: { id: videoId } }, body: comment })),
    onSuccess: refresh,
  });
  const edit = useMutation({
    mutationFn: ({ id, body }: { id: string; body: string }) =>
      unwrap(api.PATCH('/api/v1/comments/{id}', { params: { path: { id } }, body: { body } })),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/comments/{id}', { params: { path: { id } } })),
    onSuccess: refresh,
  });
  return { post, edit, remove };
}
