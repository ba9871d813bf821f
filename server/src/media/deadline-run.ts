// Runs a transcode's ffmpeg command within the plan's deadline and the guest's memory. A run stopped at
// either is the upload's fault, not the worker's: every worker has the same limits, so another attempt
// would meet them again, and the owner is told in plain words instead.
import { FfmpegFailed, FfmpegTimedOut, type RunOptions, runFfmpeg } from './ffmpeg-runner.js';
import { spokenDuration } from './plain-words.js';
import { UnusableSource } from './source-facts.js';

/** What ffmpeg and its libraries say when an allocation is refused (the guest's memory limit). */
const OUT_OF_MEMORY = /Cannot allocate memory|malloc of size \d+ failed|Out of memory/;

export async function runWithinDeadline(ffmpeg: string, args: string[], options: RunOptions): Promise<void> {
  try {
    await runFfmpeg(ffmpeg, args, options);
  } catch (error) {
    if (error instanceof FfmpegTimedOut)
      throw new UnusableSource(
        `Processing this video took longer than the ${spokenDuration(options.timeoutMs / 1000)} allowed; upload a shorter or smaller version`,
        error.message,
      );
    if (error instanceof FfmpegFailed && OUT_OF_MEMORY.test(error.stderrTail))
      throw new UnusableSource(
        'Processing this video needs more memory than we give one video; upload a smaller version',
        error.message,
      );
    throw error;
  }
}
