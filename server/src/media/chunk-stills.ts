// The storyboard thumbnails and the poster of a chunked video, made by the chunks from the frames they
// decode anyway. Pure. Each thumbnail shows the moment the one-pass storyboard's `fps` filter picks for it:
// the last frame before the middle of its cue. The chunk whose time range holds that middle makes it, so
// every thumbnail is made once; the chunk whose range holds the poster's time makes the poster.
import type { Chunk } from './chunk-plan.js';
import { posterSize, posterTime } from './poster.js';
import { planStoryboard, type StoryboardPlan, type StoryboardPolicy } from './storyboard.js';

/** Where a chunk writes its stills, inside its output folder; the same folder under the pieces in storage. */
export const STILLS_FOLDER = 'stills';
export const CHUNK_POSTER = 'poster.jpg';
/** Thumbnail files in ffmpeg's pattern syntax, numbered by their place in the whole video's storyboard. */
export const THUMBNAIL_PATTERN = 'thumbnail-%05d.jpg';
export const thumbnailName = (index: number) => `thumbnail-${String(index).padStart(5, '0')}.jpg`;

/** What the chunks need to make the stills, fixed with the chunked plan. */
export interface ChunkedStills {
  storyboard: StoryboardPlan;
  posterSeconds: number;
  poster: { width: number; height: number };
}

export function planChunkedStills(
  durationSeconds: number,
  display: { width: number; height: number },
  policy: StoryboardPolicy,
): ChunkedStills {
  return {
    storyboard: planStoryboard(durationSeconds, display, policy),
    posterSeconds: posterTime(durationSeconds),
    poster: posterSize(display),
  };
}

/** The thumbnails a chunk makes, first to last, or undefined when none falls in it. */
export function chunkThumbnails(
  stills: ChunkedStills,
  chunk: Chunk,
): { first: number; last: number } | undefined {
  const { intervalSeconds, thumbnails } = stills.storyboard;
  const end = chunk.startSeconds + chunk.durationSeconds;
  // Thumbnail k's moment is (k + 0.5) × interval; the chunk holds the moments in (start, end].
  const first = Math.max(0, Math.floor(chunk.startSeconds / intervalSeconds - 0.5) + 1);
  const last = chunk.isLast
    ? thumbnails - 1
    : Math.min(thumbnails - 1, Math.floor(end / intervalSeconds - 0.5));
  return first <= last ? { first, last } : undefined;
}

export function holdsPoster(stills: ChunkedStills, chunk: Chunk): boolean {
  const { posterSeconds } = stills;
  const end = chunk.startSeconds + chunk.durationSeconds;
  return posterSeconds >= chunk.startSeconds && (chunk.isLast || posterSeconds < end);
}

/**
 * The filter branches and outputs that write a chunk's stills, fed by the decoded, upright picture (the
 * labels in `taps`, one per still kind the chunk makes, in the order `stillTaps` counts them). The frames
 * arrive with timestamps from the chunk's start; the piece's tail runs past the chunk's end, so the `fps`
 * filter sees the frame after each moment and lets go of the thumbnail before it, as in one pass.
 */
export function buildStillOutputs(
  stills: ChunkedStills,
  chunk: Chunk,
  taps: string[],
  outputDir: string,
): { filters: string[]; outputs: string[] } {
  const filters: string[] = [];
  const outputs: string[] = [];
  const range = chunkThumbnails(stills, chunk);
  const [thumbnailTap, posterTap] = range ? taps : [undefined, taps[0]];
  if (range && thumbnailTap) {
    const { intervalSeconds: interval, tileWidth, tileHeight } = stills.storyboard;
    filters.push(
      `[${thumbnailTap}]setpts=PTS+${chunk.startSeconds}/TB,fps=1/${interval},` +
        `trim=start=${range.first * interval}:end=${(range.last + 1) * interval},` +
        `scale=${tileWidth}:${tileHeight},setsar=1[thumbnails]`,
    );
    // Each file is numbered by its frame's timestamp, which `fps` made the thumbnail's index.
    outputs.push(...['-map', '[thumbnails]', '-fps_mode', 'passthrough', '-frame_pts', '1', '-q:v', '4']);
    outputs.push(...['-f', 'image2', `${outputDir}/${STILLS_FOLDER}/${THUMBNAIL_PATTERN}`]);
  }
  if (holdsPoster(stills, chunk) && posterTap) {
    const { width, height } = stills.poster;
    const from = (stills.posterSeconds - chunk.startSeconds).toFixed(3);
    filters.push(`[${posterTap}]trim=start=${from},scale=${width}:${height},setsar=1[poster]`);
    outputs.push(...['-map', '[poster]', '-frames:v', '1', '-q:v', '3']);
    outputs.push(...['-f', 'image2', '-update', '1', `${outputDir}/${STILLS_FOLDER}/${CHUNK_POSTER}`]);
  }
  return { filters, outputs };
}

/** How many taps of the decoded picture a chunk's stills need: one for thumbnails, one for the poster. */
export function stillTaps(stills: ChunkedStills, chunk: Chunk): number {
  return (chunkThumbnails(stills, chunk) ? 1 : 0) + (holdsPoster(stills, chunk) ? 1 : 0);
}
