// The whole media side of a transcode job, on local files: probe, plan, one HLS pass, storyboard and
// poster, master playlist and thumbnail track. Returns what to publish; knows nothing of storage or jobs.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MASTER_PLAYLIST, STORYBOARD_TRACK, VARIANT_PLAYLIST } from '../domain/video-files.js';
import { runWithinDeadline } from './deadline-run.js';
import type { Rendition } from './ladder.js';
import { probeSource } from './probe.js';
import { describeOutput, type PublishedFile } from './published-files.js';
import type { SourceFacts, SourceLimits } from './source-facts.js';
import type { StoryboardPolicy } from './storyboard.js';
import { planTranscode, type TranscodeDeadline } from './transcode-plan.js';
import type { TranscodePolicy } from './transcode-policy.js';

export interface TranscodeOptions {
  ffmpeg: string;
  ffprobe: string;
  policy: TranscodePolicy;
  storyboard: StoryboardPolicy;
  limits: SourceLimits;
  /** Deadline for each ffmpeg run, from the source's duration, within a floor and an absolute cap. */
  timeout: TranscodeDeadline;
  onProgress?: (percent: number) => void;
  /** Stops the run: ffmpeg or ffprobe is killed and the promise rejects with an AbortError. */
  signal?: AbortSignal;
  /** Told, before the ladder is encoded, what it will hold: to publish it while it grows. */
  onPlan?: (plan: LadderPlan) => void;
}

export interface LadderPlan {
  /** The directory of each rendition (video rungs, then audio), each with its variant playlist. */
  renditions: string[];
  masterPlaylist: string;
}

export interface TranscodeResult {
  source: SourceFacts;
  ladder: Rendition[];
  display: { width: number; height: number };
  files: PublishedFile[];
}

/**
 * The audio runs beside the rungs, this much nicer: it needs a fraction of a core, and its first segment
 * must not wait for the video's pace, nor take the core from the rungs' first segment.
 */
const AUDIO_NICENESS = 10;

/** Share of the progress bar each stage fills: the ladder is nearly all of the work. */
const STAGES = { ladder: [0, 90], storyboard: [90, 98], poster: [98, 100] } as const;

export async function transcodeSource(
  input: string,
  outputDir: string,
  options: TranscodeOptions,
  /** The source's facts, when the caller has probed it already. */
  probed?: SourceFacts,
): Promise<TranscodeResult> {
  const source = probed ?? (await probeSource(options.ffprobe, input, options.limits));
  const plan = planTranscode(source, { input, outputDir }, { ...options, deadline: options.timeout });
  const run = (args: string[], [from, to]: readonly [number, number], signal = options.signal) =>
    runWithinDeadline(options.ffmpeg, args, {
      durationSeconds: source.durationSeconds,
      timeoutMs: plan.timeoutMs,
      onProgress: (percent) => options.onProgress?.(from + ((to - from) * percent) / 100),
      signal,
    });

  options.onPlan?.({ renditions: plan.renditions, masterPlaylist: plan.masterPlaylist });
  const audio = plan.argv.audio;
  await runSideBySide(options.signal, [
    (signal) => run(plan.argv.ladder, STAGES.ladder, signal),
    ...(audio
      ? [
          (signal: AbortSignal) =>
            runWithinDeadline(options.ffmpeg, audio, {
              durationSeconds: source.durationSeconds,
              timeoutMs: plan.timeoutMs,
              signal,
              niceness: AUDIO_NICENESS,
            }),
        ]
      : []),
  ]);
  await Promise.all(
    plan.renditions.map((rendition) => finishPlaylist(path.join(outputDir, rendition, VARIANT_PLAYLIST))),
  );
  await run(plan.argv.storyboard, STAGES.storyboard);
  await run(plan.argv.poster, STAGES.poster);
  await writeFile(path.join(outputDir, MASTER_PLAYLIST), plan.masterPlaylist);
  await writeFile(path.join(outputDir, STORYBOARD_TRACK), plan.storyboardVtt);

  const produced = await readdir(outputDir, { recursive: true, withFileTypes: true });
  const files = produced
    .filter((entry) => entry.isFile())
    .map((entry) =>
      path.relative(outputDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'),
    )
    .sort()
    .map(describeOutput);
  return { source, ladder: plan.ladder, display: plan.display, files };
}

/** The encoder wrote a growing (EVENT) playlist and closed it with ENDLIST: it is now a complete VOD one. */
async function finishPlaylist(file: string): Promise<void> {
  const playlist = await readFile(file, 'utf8');
  await writeFile(file, playlist.replace('#EXT-X-PLAYLIST-TYPE:EVENT', '#EXT-X-PLAYLIST-TYPE:VOD'));
}

/** Commands run at once; when one fails, the others are stopped and the first error is thrown. */
async function runSideBySide(
  signal: AbortSignal | undefined,
  runs: ((signal: AbortSignal) => Promise<void>)[],
): Promise<void> {
  const stop = new AbortController();
  const stopped = signal ? AbortSignal.any([stop.signal, signal]) : stop.signal;
  let firstError: { error: unknown } | undefined;
  await Promise.all(
    runs.map((run) =>
      run(stopped).catch((error: unknown) => {
        firstError ??= { error };
        stop.abort();
      }),
    ),
  );
  if (firstError) throw firstError.error;
}
