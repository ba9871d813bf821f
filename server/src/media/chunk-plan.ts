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
  const share = fleetShare(
    durationSeconds,
    policy.chunkSeconds * stretch,
    (policy.minChunkSeconds ?? policy.chunkSeconds) * stretch,
    workers,
  );
  const starts =
    'chunks' in share
      ? equalStarts(durationSeconds, share.chunks, grid)
      : fixedLengthStarts(durationSeconds, share.chunkSeconds, grid);
  if (starts.length > 2)
    starts.push(...taperedStarts(starts.pop() as number, durationSeconds, grid.segmentSeconds));
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

/** Chunks of one length in whole segments; a tail shorter than half a chunk joins the chunk before it. */
function fixedLengthStarts(durationSeconds: number, length: number, grid: SegmentGrid): number[] {
  // Never ending inside the opening's short segments.
  const segmentsPerChunk = Math.max(1, Math.round(length / grid.segmentSeconds));
  const chunkSeconds = Math.max(segmentsPerChunk * grid.segmentSeconds, grid.openingSeconds);
  // A tiny job costs more than it saves.
  const count = Math.max(1, Math.round(durationSeconds / chunkSeconds));
  return Array.from({ length: count }, (_, index) => index * chunkSeconds);
}

/**
 * `count` chunks whose lengths differ by one segment at most: the source shared out in whole segments,
 * every worker's round as long as the others'.
 */
function equalStarts(durationSeconds: number, count: number, grid: SegmentGrid): number[] {
  const segments = durationSeconds / grid.segmentSeconds;
  const starts = Array.from(
    { length: count },
    (_, index) => Math.floor((index * segments) / count) * grid.segmentSeconds,
  );
  // Never ending inside the opening's short segments.
  return starts.filter((start, index) => index === 0 || start >= grid.openingSeconds);
}

/**
 * How the source is shared out. While one worker is free, in chunks of the longest length; with more, in
 * equal rounds of one chunk a worker, as few rounds as the longest chunk allows (60 minutes on 64 workers
 * is two rounds, 128 chunks of 28 or 32 s, rather than 90 chunks of 40 s, of which 26 wait for a second
 * round); but never in chunks shorter than `shortest`.
 */
function fleetShare(
  durationSeconds: number,
  longest: number,
  shortest: number,
  workers: number,
): { chunks: number } | { chunkSeconds: number } {
  if (workers <= 1) return { chunkSeconds: longest };
  const rounds = Math.ceil(durationSeconds / (workers * longest));
  if (durationSeconds / (workers * rounds) < shortest) return { chunkSeconds: shortest };
  return { chunks: workers * rounds };
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
