// Test clips made at test time with ffmpeg's synthetic sources: no media files are committed.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ClipOptions {
  width?: number;
  height?: number;
  frameRate?: number;
  seconds?: number;
  /** Audio channels; 0 for a clip without sound. */
  audioChannels?: number;
  /** Video encoder options; H.264 by default. */
  videoCodec?: string[];
  audioCodec?: string;
  /** Extra output options, e.g. `['-metadata:s:v:0', 'rotate=90']`. */
  outputOptions?: string[];
}

const H264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'];

export async function makeClip(dir: string, name: string, options: ClipOptions = {}): Promise<string> {
  const { width = 320, height = 240, frameRate = 30, seconds = 1, audioChannels = 2 } = options;
  const { videoCodec = H264, audioCodec = 'aac', outputOptions = [] } = options;
  const file = path.join(dir, name);
  const picture = `testsrc2=size=${width}x${height}:rate=${frameRate}:duration=${seconds}`;
  const sound = `sine=frequency=440:duration=${seconds}`;
  const audio =
    audioChannels > 0 ? ['-f', 'lavfi', '-i', sound, '-ac', String(audioChannels), '-c:a', audioCodec] : [];
  const args = [
    '-nostdin',
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    picture,
    ...audio,
    ...videoCodec,
    ...outputOptions,
  ];
  await run('ffmpeg', [...args, '-y', file]);
  return file;
}

export async function makeSoundOnly(dir: string, name: string, seconds = 1): Promise<string> {
  const file = path.join(dir, name);
  await run('ffmpeg', [
    '-nostdin',
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    `sine=duration=${seconds}`,
    '-c:a',
    'aac',
    '-y',
    file,
  ]);
  return file;
}
