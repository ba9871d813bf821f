// An upload's conversation with the API: its plan, the parts storage already holds, publishing it and
// discarding it. The parts themselves go straight to storage (upload/sendParts.ts).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, byId, type JsonBody, unwrap } from './client.js';

/** The video's details and the parts sent, in order. */
type UploadCompletion = JsonBody<'/api/v1/uploads/{id}/complete', 'post'>;

const uploadKeys = { quota: ['uploads', 'quota'] as const };

/** My upload limits and what I use of each: uploads in progress, bytes today, videos waiting. */
export function useUploadQuota() {
  return useQuery({
    queryKey: uploadKeys.quota,
    queryFn: () => unwrap(api.GET('/api/v1/uploads/quota')),
  });
}

/** Starts an upload of this file: where to send which part. */
export function planUpload(file: File) {
  const contentType = file.type || 'application/octet-stream';
  return unwrap(api.POST('/api/v1/uploads', { body: { fileName: file.name, size: file.size, contentType } }));
}

/** The plan again, with the parts storage already holds (to resume after a pause or a reload). */
export function uploadState(videoId: string) {
  return unwrap(api.GET('/api/v1/uploads/{id}', byId(videoId)));
}

/** Frees the stored parts; failing (already gone, already completed) changes nothing for the person. */
export function discardUpload(videoId: string) {
  return api.DELETE('/api/v1/uploads/{id}', byId(videoId));
}

/** Completes the upload, which publishes the video and queues it for processing. */
export function usePublishUpload(onPublished: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ videoId, ...completion }: UploadCompletion & { videoId: string }) =>
      unwrap(api.POST('/api/v1/uploads/{id}/complete', { ...byId(videoId), body: completion })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: uploadKeys.quota });
      onPublished();
    },
  });
}
