// A video as the embedded player on other sites gets it (nobody signed in; a private one refused as
// such), and the embed code other sites paste, as the server's oEmbed answer writes it.
import { useQuery } from '@tanstack/react-query';
import { api, byId, unwrap } from './client.js';

export const embedKeys = {
  video: (id: string) => ['embed', id] as const,
  code: (watchUrl: string) => ['embed', 'code', watchUrl] as const,
};

export function useEmbeddedVideo(id: string) {
  return useQuery({
    queryKey: embedKeys.video(id),
    queryFn: () => unwrap(api.GET('/api/v1/videos/{id}/embed', byId(id))),
  });
}

/** The iframe of the player for a watch link (its `?t=` becomes the player's start); asked only when `wanted`. */
export function useEmbedCode(watchUrl: string, wanted: boolean) {
  return useQuery({
    queryKey: embedKeys.code(watchUrl),
    queryFn: async () =>
      (await unwrap(api.GET('/api/oembed', { params: { query: { url: watchUrl, format: 'json' } } }))).html,
    enabled: wanted,
  });
}
