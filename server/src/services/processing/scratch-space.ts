// A worker's scratch disk filling up, told apart from other failures: its owner reads why the video
// failed, the operator reads which directory is full, and the job is retried (another worker may have room).
import { FfmpegFailed } from '../../media/ffmpeg-runner.js';

/** Out of space, out of quota, or past a file-size limit (`ulimit -f`). */
const NO_SPACE_CODES = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);
const NO_SPACE_MESSAGES = /No space left on device|Disk quota exceeded|File too large/;

export const OUT_OF_SCRATCH_SPACE =
  'Processing ran out of disk space on the server; please upload the video again later';

export class ScratchSpaceExhausted extends Error {
  constructor(scratchDir: string, options: { cause: unknown }) {
    super(`the worker ran out of scratch space in ${scratchDir}`, options);
    this.name = 'ScratchSpaceExhausted';
  }
}

/** Whether a failure came from the scratch disk being full: a write that failed, or ffmpeg saying so. */
export function ranOutOfScratchSpace(error: unknown): boolean {
  if (error instanceof FfmpegFailed) return NO_SPACE_MESSAGES.test(error.stderrTail);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code !== undefined && NO_SPACE_CODES.has(code);
}
