// How each output file is served: its content type, and whether it can be cached for ever.
import path from 'node:path';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Playlists and the thumbnail track may be rewritten by a re-run of the job: keep them fresh. */
export const SHORT_LIVED = 'public, max-age=60';

const TYPES: Record<string, { contentType: string; cacheControl: string }> = {
  '.m3u8': { contentType: 'application/vnd.apple.mpegurl', cacheControl: SHORT_LIVED },
  '.m4s': { contentType: 'video/iso.segment', cacheControl: IMMUTABLE },
  '.mp4': { contentType: 'video/mp4', cacheControl: IMMUTABLE },
  '.jpg': { contentType: 'image/jpeg', cacheControl: IMMUTABLE },
  '.vtt': { contentType: 'text/vtt', cacheControl: SHORT_LIVED },
};

export interface PublishedFile {
  /** Path relative to the output directory, with `/` separators: the key below the video's prefix. */
  relativePath: string;
  contentType: string;
  cacheControl: string;
}

export function describeOutput(relativePath: string): PublishedFile {
  const serving = mediaFileServing(relativePath);
  if (!serving) throw new Error(`unexpected transcode output: ${relativePath}`);
  return { relativePath, ...serving };
}

/** How a published file is served; undefined for a name no transcode writes. */
export function mediaFileServing(relativePath: string): Omit<PublishedFile, 'relativePath'> | undefined {
  return TYPES[path.extname(relativePath)];
}
