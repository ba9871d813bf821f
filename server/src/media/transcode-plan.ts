// Everything a transcode will do, planned before any ffmpeg runs: the ladder, every argv (checked against
// the input rules), the playlists and the deadline. Pure: a planning error would recur on every attempt, so
// it is turned into an UnusableSource the owner can read, and the job is not retried.
import { AUDIO_RENDITION } from '../domain/video-files.js';
import { checkInputRules } from './ffmpeg-input.js';
import { buildAudioArgs, buildTranscodeArgs } from './hls-command.js';
import { displaySize, planLadder, type Rendition } from './ladder.js';
import { buildMasterPlaylist } from './master-playlist.js';
import { spokenDuration, spokenFrameRate } from './plain-words.js';
import { buildPosterArgs } from './poster.js';
import { type SourceFacts, UnusableSource } from './source-facts.js';
import {
  buildStoryboardArgs,
  buildStoryboardVtt,
  planStoryboard,
  type StoryboardPolicy,
} from './storyboard.js';
import type { TranscodePolicy } from './transcode-policy.js';

export interface TranscodeDeadline {
  /** Each ffmpeg run may take this long per second of source… */
  perSourceSecond: number;
  /** …never less than this… */
  minimumMs: number;
  /** …and never more than this, however long the source. */
  maximumMs: number;
}

export interface TranscodePlan {
  ladder: Rendition[];
  display: { width: number; height: number };
  /** The directory of each rendition (video rungs, then audio), each with its variant playlist. */
  renditions: string[];
  masterPlaylist: string;
  storyboardVtt: string;
  /** The rungs' command and, for a source with sound, the audio's, which run side by side. */
  argv: { ladder: string[]; audio?: string[]; storyboard: string[]; poster: string[] };
  timeoutMs: number;
}

export interface PlanInputs {
  policy: TranscodePolicy;
  storyboard: StoryboardPolicy;
  deadline: TranscodeDeadline;
}

export function planTranscode(
  source: SourceFacts,
  paths: { input: string; outputDir: string },
  inputs: PlanInputs,
): TranscodePlan {
  try {
    const ladder = planLadder(source, inputs.policy);
    const display = displaySize(source.video);
    const storyboard = planStoryboard(source.durationSeconds, display, inputs.storyboard);
    const argv = {
      ladder: buildTranscodeArgs(source, ladder, inputs.policy, paths),
      ...(source.audio && { audio: buildAudioArgs(source, inputs.policy, paths) }),
      storyboard: buildStoryboardArgs(source, paths.input, storyboard, paths.outputDir),
      poster: buildPosterArgs(source, display, paths.input, paths.outputDir),
    };
    for (const args of Object.values(argv)) if (args) checkInputRules('ffmpeg', args);
    return {
      ladder,
      display,
      renditions: [...ladder.map((rendition) => rendition.name), ...(source.audio ? [AUDIO_RENDITION] : [])],
      masterPlaylist: buildMasterPlaylist(ladder, source.audio !== undefined, inputs.policy),
      storyboardVtt: buildStoryboardVtt(storyboard, source.durationSeconds),
      argv,
      timeoutMs: transcodeTimeoutMs(source.durationSeconds, inputs.deadline),
    };
  } catch (error) {
    const { width, height, frameRate } = source.video;
    const { policy } = inputs;
    const largest = `${policy.maxLongSide}×${policy.rungs.at(-1)?.shortSide ?? policy.maxLongSide}`;
    throw new UnusableSource(
      `We cannot process a ${width}×${height} video at ${spokenFrameRate(frameRate)} lasting ${spokenDuration(source.durationSeconds)}; ` +
        `upload a version of at most ${largest} at ${policy.maxFrameRate} fps`,
      error instanceof Error ? error.message : String(error),
    );
  }
}

export function transcodeTimeoutMs(durationSeconds: number, deadline: TranscodeDeadline): number {
  const proportional = Math.max(deadline.minimumMs, durationSeconds * deadline.perSourceSecond * 1000);
  return Math.min(deadline.maximumMs, proportional);
}
