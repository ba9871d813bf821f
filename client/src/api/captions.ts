// My video's captions: uploading one (WebVTT or SRT) for a language, or removing it. Either way the
// video is asked for again, with its new list of captions, and so are the lists (the studio's).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiFailure, api, errorMessage, unwrap } from './client.js';
import { feedKeys } from './feeds.js';
import { videoKeys } from './videos.js';

const captionPath = (videoId: string, language: string) => ({ params: { path: { id: videoId, language } } });

/** Browsers know no type for `.srt` files: the name says which format it is. */
const captionType = (file: File) =>
  file.name.toLowerCase().endsWith('.srt') ? 'application/x-subrip' : 'text/vtt';

// The body is the file itself, which the typed client cannot describe: plain fetch it is.
async function uploadCaption(videoId: string, language: string, file: File): Promise<void> {
  const response = await fetch(`/api/v1/videos/${videoId}/captions/${encodeURIComponent(language)}`, {
    method: 'PUT',
    headers: { 'content-type': captionType(file) },
    body: file,
    credentials: 'same-origin',
  });
  if (!response.ok) throw new ApiFailure(response.status, errorMessage(await response.json()));
}

function useCaptionsChanged(videoId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: videoKeys.one(videoId) }),
      queryClient.invalidateQueries({ queryKey: feedKeys.all }),
    ]);
}

export function useUploadCaption(videoId: string) {
  return useMutation({
    mutationFn: ({ language, file }: { language: string; file: File }) =>
      uploadCaption(videoId, language, file),
    onSuccess: useCaptionsChanged(videoId),
  });
}

export function useDeleteCaption(videoId: string) {
  return useMutation({
    mutationFn: (language: string) =>
      unwrap(api.DELETE('/api/v1/videos/{id}/captions/{language}', captionPath(videoId, language))),
    onSuccess: useCaptionsChanged(videoId),
  });
}
