// A channel as I see it (with whether I follow it), shared by its page and every Subscribe button.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client.js';

export const channelKey = (handle: string) => ['channel', handle.toLowerCase()] as const;

export function useChannel(handle: string) {
  return useQuery({
    queryKey: channelKey(handle),
    queryFn: () => unwrap(api.GET('/api/v1/channels/{handle}', { params: { path: { handle } } })),
  });
}
