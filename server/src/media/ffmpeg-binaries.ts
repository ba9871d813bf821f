// Finds the ffmpeg and ffprobe the worker will run: FFMPEG_PATH/FFPROBE_PATH, else the ones on the guests'
// PATH (guest-process.ts), checked by running each as a guest would be run.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { GUEST_ENVIRONMENT, guestCommand, guestLimits } from './guest-process.js';

const run = promisify(execFile);

export interface FfmpegBinaries {
  ffmpeg: string;
  ffprobe: string;
  /** First line of `ffmpeg -version`, e.g. "ffmpeg version 5.1.8-0+deb12u1". */
  version: string;
}

export class FfmpegMissing extends Error {
  constructor(detail: string) {
    super(
      `${detail}. Install FFmpeg (Debian/Ubuntu: "sudo apt-get install ffmpeg") ` +
        'or set FFMPEG_PATH and FFPROBE_PATH to the binaries.',
    );
    this.name = 'FfmpegMissing';
  }
}

export async function locateFfmpeg(paths: {
  ffmpegPath?: string;
  ffprobePath?: string;
}): Promise<FfmpegBinaries> {
  const ffmpeg = paths.ffmpegPath ?? 'ffmpeg';
  const ffprobe = paths.ffprobePath ?? 'ffprobe';
  const version = await firstLineOf(ffmpeg);
  await firstLineOf(ffprobe);
  return { ffmpeg, ffprobe, version };
}

async function firstLineOf(binary: string): Promise<string> {
  try {
    const guest = guestCommand(binary, ['-hide_banner', '-version'], guestLimits(10_000));
    const { stdout } = await run(guest.command, guest.args, { env: GUEST_ENVIRONMENT, timeout: 10_000 });
    return stdout.split('\n')[0]?.trim() ?? binary;
  } catch (error) {
    throw new FfmpegMissing(`"${binary}" could not be run (${(error as Error).message.split('\n')[0]})`);
  }
}
