// A video as the API shows it to me, shared by every component of the watch page through one cache key.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client.js';

export const videoKey = (id: string) => ['video', id] as const;

export function useVideo(id: string) {
  return useQuery({
    queryKey: videoKey(id),
    queryFn: () => unwrap(api.GET('/api/v1/videos/{id}', { params: { path: { id } } })),
  });
}
