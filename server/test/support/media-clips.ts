// Test clips made at test time with ffmpeg's synthetic sources: no media files are committed.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
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
  /** Extra output options, e.g. `['-vf', 'scale=641:361']`. */
  outputOptions?: string[];
  /** Clockwise display rotation written into an MP4's track header, as phones do. */
  rotation?: 90 | 180 | 270;
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
  if (options.rotation) await setDisplayRotation(file, options.rotation);
  return file;
}

const ONE = 0x10000;
const W = 0x40000000;

/**
 * Rewrites the display matrix of the first track header (the video track: it is input 0), the way a
 * phone records a portrait clip in landscape. This ffmpeg cannot write one itself.
 */
async function setDisplayRotation(file: string, clockwise: 90 | 180 | 270): Promise<void> {
  const bytes = await readFile(file);
  const box = bytes.indexOf('tkhd') - 4;
  if (box < 0) throw new Error(`${file} has no track header`);
  const matrixAt = box + (bytes[box + 8] === 1 ? 60 : 48);
  const width = bytes.readUInt32BE(matrixAt + 36) / ONE;
  const height = bytes.readUInt32BE(matrixAt + 40) / ONE;
  const matrix = {
    90: [0, ONE, 0, -ONE, 0, 0, height * ONE, 0, W],
    180: [-ONE, 0, 0, 0, -ONE, 0, width * ONE, height * ONE, W],
    270: [0, -ONE, 0, ONE, 0, 0, 0, width * ONE, W],
  }[clockwise];
  matrix.forEach((value, index) => {
    bytes.writeInt32BE(value, matrixAt + index * 4);
  });
  await writeFile(file, bytes);
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
