// A video's storyboard: the WebVTT track of preview tiles the seek bar shows, read from the media files
// (not the API). It never changes, so a cached one is never asked for again.
import { useQuery } from '@tanstack/react-query';
import { parseStoryboard } from '../player/storyboard.js';

const storyboardKeys = {
  one: (url: string | null) => ['storyboard', url] as const,
};

/** The tiles of the track at `url`, fetched only once `wanted`. */
export function useStoryboard(url: string | null, wanted: boolean) {
  return useQuery({
    queryKey: storyboardKeys.one(url),
    queryFn: async () => {
      const track = new URL(url ?? '', location.href).href;
      const response = await fetch(track);
      if (!response.ok) throw new Error(`The storyboard answered ${response.status}`);
      return parseStoryboard(await response.text(), track);
    },
    enabled: url !== null && wanted,
    staleTime: Number.POSITIVE_INFINITY,
  });
}
