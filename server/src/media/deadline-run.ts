// Runs a transcode's ffmpeg command within the plan's deadline. A run stopped at the deadline is the
// upload's fault, not the worker's: the deadline grows with the source up to a cap, so another attempt
// would meet the same cap, and the owner is told in plain words instead.
import { FfmpegTimedOut, type RunOptions, runFfmpeg } from './ffmpeg-runner.js';
import { spokenDuration } from './plain-words.js';
import { UnusableSource } from './source-facts.js';

export async function runWithinDeadline(ffmpeg: string, args: string[], options: RunOptions): Promise<void> {
  try {
    await runFfmpeg(ffmpeg, args, options);
  } catch (error) {
    if (error instanceof FfmpegTimedOut)
      throw new UnusableSource(
        `Processing this video took longer than the ${spokenDuration(options.timeoutMs / 1000)} allowed; upload a shorter or smaller version`,
        error.message,
      );
    throw error;
  }
}
