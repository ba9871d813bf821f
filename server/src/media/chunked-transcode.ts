// The media side of a chunked transcode, on local files: plan it, cut the source into pieces, encode one
// chunk's rungs and its share of the stills, encode the audio. Each step is one ffmpeg run a different
// worker may do; what the steps hand each other (the plan, the pieces, the segment lists) is plain data.
// Knows nothing of storage or jobs.
import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { AUDIO_RENDITION, VARIANT_PLAYLIST } from '../domain/video-files.js';
import {
  buildAudioPieceArgs,
  buildChunkArgs,
  buildChunkedAudioArgs,
  buildPieceArgs,
} from './chunk-commands.js';
import { type Chunk, type ChunkPolicy, planChunks } from './chunk-plan.js';
import {
  CHUNK_POSTER,
  type ChunkedStills,
  chunkThumbnails,
  holdsPoster,
  planChunkedStills,
  STILLS_FOLDER,
  thumbnailName,
} from './chunk-stills.js';
import { runWithinDeadline } from './deadline-run.js';
import { checkInputRules } from './ffmpeg-input.js';
import type { Rendition } from './ladder.js';
import type { SourceFacts } from './source-facts.js';
import { type PlanInputs, planTranscode } from './transcode-plan.js';
import type { TranscodePolicy } from './transcode-policy.js';
import { readVariantPlaylist, type VariantPlaylist } from './variant-playlist.js';

/** Everything the chunk, audio and stitching steps need, fixed once by the step that probed the source. */
export interface ChunkedPlan {
  source: SourceFacts;
  ladder: Rendition[];
  display: { width: number; height: number };
  chunks: Chunk[];
  /** The directory of each rendition (video rungs, then audio). */
  renditions: string[];
  masterPlaylist: string;
  storyboardVtt: string;
  /**
   * What the chunks need to make the storyboard thumbnails and poster. Absent from plans recorded before
   * the chunks made them: those videos finish with the `extras` part, which reads the whole source.
   */
  stills?: ChunkedStills;
  policy: TranscodePolicy;
  /** Deadline of each ffmpeg run, from the length of what it reads. */
  timeoutMs: number;
}

/** The chunked plan of a source, or undefined when it is short enough for one pass. */
export function planChunkedTranscode(
  source: SourceFacts,
  inputs: PlanInputs & { chunks: ChunkPolicy; workers?: number },
): ChunkedPlan | undefined {
  const chunks = planChunks(
    source.durationSeconds,
    inputs.policy,
    inputs.chunks,
    source.video.frameRate,
    inputs.workers,
  );
  if (chunks.length < 2) return undefined;
  // The one-pass plan checks the source against the ladder and gives the playlists; its argv is not run.
  const whole = planTranscode(source, { input: 'source', outputDir: 'out' }, inputs);
  const plan: ChunkedPlan = {
    source,
    ladder: whole.ladder,
    display: whole.display,
    chunks,
    renditions: whole.renditions,
    masterPlaylist: whole.masterPlaylist,
    storyboardVtt: whole.storyboardVtt,
    stills: planChunkedStills(source.durationSeconds, whole.display, inputs.storyboard),
    policy: inputs.policy,
    timeoutMs: whole.timeoutMs,
  };
  // Every command of every step, checked now: a planning error is the upload's, found before any job runs.
  for (const chunk of chunks) {
    checkInputRules('ffmpeg', buildPieceArgs(source, 'source', chunk, 'piece'));
    checkInputRules('ffmpeg', chunkArgs(plan, chunk, 'piece', 'out'));
  }
  if (source.audio) checkInputRules('ffmpeg', buildAudioPieceArgs(source, 'source', 'piece'));
  return plan;
}

export interface RunContext {
  ffmpeg: string;
  signal?: AbortSignal;
  onProgress?: (percent: number) => void;
}

/** Copies one chunk's piece of the video out of the source, as `chunk-<n>.mkv` in `dir`. */
export async function cutChunkPiece(
  plan: ChunkedPlan,
  chunk: Chunk,
  input: string,
  dir: string,
  context: RunContext,
): Promise<string> {
  const piece = path.join(dir, `chunk-${chunk.index}.mkv`);
  await run(plan, buildPieceArgs(plan.source, input, chunk, piece), chunk.durationSeconds, context);
  return piece;
}

/** Copies the source's audio out of it, whole, as `audio.mkv` in `dir`. */
export async function cutAudioPiece(
  plan: ChunkedPlan,
  input: string,
  dir: string,
  context: RunContext,
): Promise<string> {
  const piece = path.join(dir, `${AUDIO_RENDITION}.mkv`);
  await run(plan, buildAudioPieceArgs(plan.source, input, piece), plan.source.durationSeconds, context);
  return piece;
}

/** Encodes every rung of one chunk into `outputDir/<rung>/`; returns each rung's playlist. */
export async function encodeChunk(
  plan: ChunkedPlan,
  chunk: Chunk,
  piece: string,
  outputDir: string,
  context: RunContext,
): Promise<Record<string, VariantPlaylist>> {
  if (plan.stills) await mkdir(path.join(outputDir, STILLS_FOLDER), { recursive: true });
  await run(plan, chunkArgs(plan, chunk, piece, outputDir), chunk.durationSeconds, context);
  const playlists: Record<string, VariantPlaylist> = {};
  for (const { name } of plan.ladder) playlists[name] = await readPlaylist(outputDir, name);
  return playlists;
}

/**
 * Encodes the audio rendition into `outputDir/audio/`, its playlist growing as it goes (tell `onPlan`-style
 * publishers to watch the folder); returns the finished playlist.
 */
export async function encodeAudio(
  plan: ChunkedPlan,
  piece: string,
  outputDir: string,
  context: RunContext,
): Promise<VariantPlaylist> {
  const args = buildChunkedAudioArgs(plan.source, plan.policy, { piece, outputDir });
  await run(plan, args, plan.source.durationSeconds, context);
  return readPlaylist(outputDir, AUDIO_RENDITION);
}

/**
 * The stills `encodeChunk` wrote, as paths below `outputDir`: the chunk's thumbnails, every one of them
 * (one the decode did not reach, past the source's last frame, repeats the one before, as one pass
 * would), and the poster if the chunk holds it.
 */
export async function chunkStills(plan: ChunkedPlan, chunk: Chunk, outputDir: string): Promise<string[]> {
  if (!plan.stills) return [];
  const folder = path.join(outputDir, STILLS_FOLDER);
  const written = new Set(await readdir(folder));
  const files: string[] = [];
  const range = chunkThumbnails(plan.stills, chunk);
  let previous: string | undefined;
  for (let index = range?.first ?? 0; range && index <= range.last; index++) {
    const name = thumbnailName(index);
    if (!written.has(name)) {
      if (!previous) throw new Error(`chunk ${chunk.index} made no thumbnail ${index}`);
      await copyFile(path.join(folder, previous), path.join(folder, name));
    }
    previous = name;
    files.push(`${STILLS_FOLDER}/${name}`);
  }
  if (holdsPoster(plan.stills, chunk)) {
    if (!written.has(CHUNK_POSTER)) throw new Error(`chunk ${chunk.index} made no poster`);
    files.push(`${STILLS_FOLDER}/${CHUNK_POSTER}`);
  }
  return files;
}

function chunkArgs(plan: ChunkedPlan, chunk: Chunk, piece: string, outputDir: string): string[] {
  return buildChunkArgs(plan.source, plan.ladder, plan.policy, chunk, { piece, outputDir }, plan.stills);
}

async function readPlaylist(outputDir: string, rendition: string): Promise<VariantPlaylist> {
  return readVariantPlaylist(await readFile(path.join(outputDir, rendition, VARIANT_PLAYLIST), 'utf8'));
}

function run(plan: ChunkedPlan, args: string[], durationSeconds: number, context: RunContext) {
  const { ffmpeg, onProgress, signal } = context;
  return runWithinDeadline(ffmpeg, args, { durationSeconds, timeoutMs: plan.timeoutMs, onProgress, signal });
}
