// How each output file is served: its content type, and whether it can be cached for ever.
import path from 'node:path';
import { MEDIA_FILE_TYPES } from '../domain/video-files.js';

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
  return MEDIA_FILE_TYPES[path.extname(relativePath)];
}
