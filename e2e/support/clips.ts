// Test videos made at test time from ffmpeg's synthetic picture and tone: nothing binary is committed.
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { makeClip as makeTestClip } from '../../server/test/support/media-clips.js';
import { FRAME_RATE, frameNumberFilter } from './frame-numbers.js';

const run = promisify(execFile);

/**
 * An H.264/AAC MP4 of a moving test pattern with a tone, at FRAME_RATE. 640×360 plans two rungs: 240p and
 * 360p. Lossless makes about 0.6 MB a second, for uploads of several parts (parts are at least 8 MiB).
 * Numbered frames carry their number in a strip a page can read (support/frame-numbers.ts).
 */
export async function makeClip(
  name: string,
  { width = 640, height = 360, seconds = 8, lossless = false, numberedFrames = false } = {},
): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'vidstream-clip-'));
  return makeTestClip(dir, name, {
    width,
    height,
    seconds,
    frameRate: FRAME_RATE,
    ...(lossless ? { videoCodec: LOSSLESS } : {}),
    ...(numberedFrames ? { outputOptions: ['-vf', frameNumberFilter(width, height)] } : {}),
  });
}

const LOSSLESS = ['-c:v', 'libx264', '-preset', 'ultrafast', '-qp', '0', '-pix_fmt', 'yuv420p'];

/** A small solid-colour PNG, for avatars. */
export async function makePicture(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'vidstream-picture-'));
  const file = path.join(dir, name);
  await run('ffmpeg', [
    '-nostdin',
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    'color=c=teal:s=128x128',
    '-frames:v',
    '1',
    file,
  ]);
  return file;
}
