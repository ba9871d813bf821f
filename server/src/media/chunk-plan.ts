// Cuts a long source into chunks that workers encode in parallel. Pure, like the ladder. Every chunk
// starts on a segment boundary, so each one opens with a keyframe on the grid every rung shares, and the
// segments of consecutive chunks follow each other as if one encoder had written them all.
import { type SegmentGrid, segmentsBefore } from './segment-grid.js';

export interface ChunkPolicy {
  /** Sources at least this long are chunked; shorter ones are encoded in one pass. */
  minChunkedSeconds: number;
  /** The longest chunk of source, rounded to a whole number of segments: a lost one costs this much. */
  chunkSeconds: number;
  /**
   * The shortest chunk, however many workers are idle: below it a job's own costs outweigh the gain.
   * Without it, chunks are never shortened.
   */
  minChunkSeconds?: number;
}

export const DEFAULT_CHUNK_POLICY: ChunkPolicy = {
  minChunkedSeconds: 120,
  chunkSeconds: 40,
  minChunkSeconds: 12,
};

export interface Chunk {
  index: number;
  /** Offset in the source, from its first frame. */
  startSeconds: number;
  durationSeconds: number;
  /** The number of the chunk's first segment in every rendition: numbering runs on across chunks. */
  firstSegment: number;
  /** The last chunk runs to the end of the source, whatever its probed duration said. */
  isLast: boolean;
}

/**
 * The policy's lengths are for sources of at least this many frames a second. A sparser source (a
 * slideshow, or a few frames spread over hours) is chunked by its frames: its lengths are stretched by
 * how much sparser it is, so a chunk still holds a chunk's worth of work, and a source of a handful of
 * frames is one pass however long it says it is.
 */
export const REFERENCE_FRAME_RATE = 24;

/**
 * The chunks of a source, in order, for `workers` transcode slots free to take them (the planning one
 * included); empty when it holds too little work to be worth splitting.
 */
export function planChunks(
  durationSeconds: number,
  grid: SegmentGrid,
  policy: ChunkPolicy,
  frameRate = REFERENCE_FRAME_RATE,
  workers = 1,
): Chunk[] {
  const stretch = Math.max(1, REFERENCE_FRAME_RATE / frameRate);
  if (durationSeconds < policy.minChunkedSeconds * stretch) return [];
  const length = chunkLength(
    durationSeconds,
    policy.chunkSeconds * stretch,
    (policy.minChunkSeconds ?? policy.chunkSeconds) * stretch,
    workers,
  );
  // Whole segments, and never ending inside the opening's short ones.
  const segmentsPerChunk = Math.max(1, Math.round(length / grid.segmentSeconds));
  const chunkSeconds = Math.max(segmentsPerChunk * grid.segmentSeconds, grid.openingSeconds);
  // A tail shorter than half a chunk joins the chunk before it: a tiny job costs more than it saves.
  const count = Math.max(1, Math.round(durationSeconds / chunkSeconds));
  const starts = Array.from({ length: count }, (_, index) => index * chunkSeconds);
  if (count > 2) starts.push(...taperedStarts(starts.pop() as number, durationSeconds, grid.segmentSeconds));
  return starts.map((startSeconds, index) => {
    const isLast = index === starts.length - 1;
    return {
      index,
      startSeconds,
      durationSeconds: (isLast ? durationSeconds : (starts[index + 1] as number)) - startSeconds,
      firstSegment: segmentsBefore(startSeconds, grid),
      isLast,
    };
  });
}

/**
 * The longest chunk while one worker is free; with more, the source is shared out in equal rounds of one
 * chunk a worker, as few rounds as the longest chunk allows: 60 minutes on 64 workers is two rounds of
 * 28 s rather than one of 40 s and a second for the 26 chunks left. Never shorter than `shortest`.
 */
function chunkLength(durationSeconds: number, longest: number, shortest: number, workers: number): number {
  if (workers <= 1) return longest;
  const rounds = Math.ceil(durationSeconds / (workers * longest));
  return Math.min(longest, Math.max(shortest, durationSeconds / (workers * rounds)));
}

/**
 * The last chunk cut in a half, a quarter and the rest, in whole segments: the parts taken last are short,
 * so the workers finish close together instead of all but one waiting for a whole chunk.
 */
function taperedStarts(start: number, end: number, segmentSeconds: number): number[] {
  const segments = (seconds: number) => Math.max(1, Math.round(seconds / segmentSeconds)) * segmentSeconds;
  const length = end - start;
  const half = segments(length / 2);
  const quarter = segments(length / 4);
  // Each piece at least a segment long, the last one too.
  if (half + quarter + segmentSeconds > length) return [start];
  return [start, start + half, start + half + quarter];
}
