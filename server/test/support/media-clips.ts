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
  /** Extra output options, e.g. `['-metadata:s:v:0', 'rotate=90']`. */
  outputOptions?: string[];
}

export async function makeClip(dir: string, name: string, options: ClipOptions = {}): Promise<string> {
  const {
    width = 320,
    height = 240,
    frameRate = 30,
    seconds = 1,
    audioChannels = 2,
    outputOptions = [],
  } = options;
  const file = path.join(dir, name);
  const video = [
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${width}x${height}:rate=${frameRate}:duration=${seconds}`,
  ];
  const audio =
    audioChannels > 0
      ? [
          '-f',
          'lavfi',
          '-i',
          `sine=frequency=440:duration=${seconds}`,
          '-ac',
          String(audioChannels),
          '-c:a',
          'aac',
        ]
      : [];
  await run('ffmpeg', [
    '-nostdin',
    '-v',
    'error',
    ...video,
    ...audio,
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    ...outputOptions,
    '-y',
    file,
  ]);
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
