// The ffmpeg commands of a chunked transcode. Pure, like the one-pass command (hls-command.ts).
//
// The source is first cut into pieces by stream copy (no decode): each chunk's piece starts at the keyframe
// at or before the chunk and runs a little past its end, and keeps the source's own timestamps. A chunk
// job then decodes its piece from that keyframe, keeps exactly the frames of its window, and encodes every
// rung, its output stamped with the window's place in the whole video. The audio, copied out whole, is
// encoded once. Every output is shifted by the same CHUNKED_TIMELINE_START, so no encoder's reordering
// delay ever pushes a chunk's first timestamps below zero (which the muxer would "fix" by moving them).
import type { Chunk } from './chunk-plan.js';
import { buildStillOutputs, type ChunkedStills, stillTaps } from './chunk-stills.js';
import { ffmpegInput } from './ffmpeg-input.js';
import {
  audioOutputArgs,
  hlsOutputArgs,
  streamMap,
  videoFilterGraph,
  videoOutputArgs,
} from './hls-command.js';
import type { Rendition } from './ladder.js';
import { keyframeRule } from './segment-grid.js';
import type { SourceFacts } from './source-facts.js';
import type { TranscodePolicy } from './transcode-policy.js';

/** Where a chunked video's timeline starts, in every rendition. */
export const CHUNKED_TIMELINE_START = 1;
/** The container pieces are copied into: it takes any codec an upload may have. */
export const PIECE_CONTAINER = 'matroska';
/** A piece starts this far before its chunk, in case the source's seek lands late (formats without an index). */
const PIECE_LEAD_SECONDS = 1;
/** …and runs this far past its end, so frames the encoder reorders across the end are all there. */
const PIECE_TAIL_SECONDS = 1;

/** One chunk's piece of the video stream, copied from the source on local disk. */
export function buildPieceArgs(source: SourceFacts, input: string, chunk: Chunk, piece: string): string[] {
  const end = source.startSeconds + chunk.startSeconds + chunk.durationSeconds + PIECE_TAIL_SECONDS;
  return [
    ...ffmpegInput({
      path: input,
      container: source.container,
      frame: source.video,
      seekSeconds: Math.max(0, chunk.startSeconds - PIECE_LEAD_SECONDS),
    }),
    // The source's clock, kept: the chunk job finds its window by the source's own timestamps.
    '-copyts',
    ...['-map', `0:${source.video.streamIndex}`, '-c', 'copy'],
    ...(chunk.isLast ? [] : ['-to', end.toFixed(3)]),
    ...['-f', PIECE_CONTAINER, piece],
  ];
}

/** The source's audio stream, whole, copied on its own clock. */
export function buildAudioPieceArgs(source: SourceFacts, input: string, piece: string): string[] {
  if (!source.audio) throw new Error('the source has no audio to copy');
  return [
    ...ffmpegInput({ path: input, container: source.container, frame: source.video }),
    '-copyts',
    ...['-map', `0:${source.audio.streamIndex}`, '-c', 'copy'],
    ...['-f', PIECE_CONTAINER, piece],
  ];
}

/**
 * Every rung of one chunk, from its piece: one decode, segments numbered on from the chunks before. With
 * `stills`, the same decode also writes the chunk's storyboard thumbnails and poster (chunk-stills.ts).
 */
export function buildChunkArgs(
  source: SourceFacts,
  ladder: Rendition[],
  policy: TranscodePolicy,
  chunk: Chunk,
  paths: { piece: string; outputDir: string },
  stills?: ChunkedStills,
): string[] {
  const rule = keyframeRule(policy, chunk.startSeconds);
  const piece: SourceFacts = {
    ...source,
    container: PIECE_CONTAINER,
    video: { ...source.video, streamIndex: 0 },
  };
  const taps = Array.from({ length: stills ? stillTaps(stills, chunk) : 0 }, (_, index) => `still${index}`);
  const still = stills ? buildStillOutputs(stills, chunk, taps, paths.outputDir) : undefined;
  return [
    ...ffmpegInput({
      path: paths.piece,
      container: PIECE_CONTAINER,
      frame: source.video,
      seekSeconds: source.startSeconds + chunk.startSeconds,
      seekToTimestamp: true,
      // A copied piece may or may not carry the display rotation: the filter graph turns the picture.
      keepCodedOrientation: true,
    }),
    '-filter_complex',
    [videoFilterGraph(piece, ladder, true, taps), ...(still?.filters ?? [])].join(';'),
    ...ladder.flatMap((rendition, index) => videoOutputArgs(rendition, index, policy, rule)),
    ...['-an', '-sn', '-dn'],
    ...(chunk.isLast ? [] : ['-t', chunk.durationSeconds.toFixed(3)]),
    ...['-output_ts_offset', (CHUNKED_TIMELINE_START + chunk.startSeconds).toFixed(3)],
    ...hlsOutputArgs({
      outputDir: paths.outputDir,
      streamMap: streamMap(ladder, false),
      hlsTime: rule.hlsTime,
      firstSegment: chunk.firstSegment,
      ownTimestamps: true,
    }),
    // Options after the rungs' output are the stills' own: the -t and offset above are not theirs.
    ...(still?.outputs ?? []),
  ];
}

/** The audio rendition of the whole video, from the audio piece, on the chunks' timeline. */
export function buildChunkedAudioArgs(
  source: SourceFacts,
  policy: TranscodePolicy,
  paths: { piece: string; outputDir: string },
): string[] {
  return [
    ...ffmpegInput({
      path: paths.piece,
      container: PIECE_CONTAINER,
      frame: source.video,
      seekSeconds: source.startSeconds,
      seekToTimestamp: true,
    }),
    ...['-output_ts_offset', CHUNKED_TIMELINE_START.toFixed(3)],
    ...audioOutputArgs(0, policy, paths.outputDir, { ownTimestamps: true }),
  ];
}
