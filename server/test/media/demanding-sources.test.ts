// Sources a phone or a camera really makes that stretch the planner: 8K footage, a square 4000×4000
// picture, a file whose first video track is a still picture. Uploaded through the API, transcoded by the
// worker with real ffmpeg (a few frames each, to stay cheap), and checked as published.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buffer as text } from 'node:stream/consumers';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processedPrefix } from '../../src/domain/video-files.js';
import { register } from '../support/accounts.js';
import { makeClip } from '../support/media-clips.js';
import { startTestPlatform, startTestWorker, type TestPlatform } from '../support/test-platform.js';
import { uploadFile, waitUntilSettled } from '../support/uploads.js';

const run = promisify(execFile);
let dir: string;
let test: TestPlatform;
let owner: Awaited<ReturnType<typeof register>>;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-demanding-'));
  test = await startTestPlatform();
  owner = await register(test.app);
  await startTestWorker(test.platform);
});
afterAll(async () => {
  await test.close();
  await rm(dir, { recursive: true, force: true });
});

async function publish(file: string, contentType = 'video/mp4') {
  const { video } = await uploadFile(test.app, owner.token, await readFile(file), {
    fileName: path.basename(file),
    contentType,
  });
  return waitUntilSettled(test.app, owner.token, video.id, 150);
}

/** Size and frame count of a published rung, read from its stored init segment and media segments. */
async function encodedRung(videoId: string, rung: string): Promise<{ size: string; frames: number }> {
  const read = async (name: string) => {
    const object = await test.platform.storage.getObject(
      'processed',
      `${processedPrefix(videoId)}${rung}/${name}`,
    );
    if (!object) throw new Error(`${rung}/${name} is not published`);
    return text(object.body);
  };
  const playlist = (await read('playlist.m3u8')).toString();
  const init = playlist.match(/#EXT-X-MAP:URI="([^"]+)"/)?.[1] ?? '';
  const segments = playlist.split('\n').filter((line) => line.endsWith('.m4s'));
  const file = path.join(dir, `${videoId}-${rung}.mp4`);
  await writeFile(file, Buffer.concat([await read(init), ...(await Promise.all(segments.map(read)))]));
  const { stdout } = await run('ffprobe', [
    ...['-v', 'error', '-count_frames', '-select_streams', 'v:0'],
    ...['-show_entries', 'stream=width,height,nb_read_frames', '-of', 'csv=p=0', file],
  ]);
  const [width, height, frames] = stdout.trim().split(',');
  return { size: `${width}x${height}`, frames: Number(frames) };
}

describe('sources bigger than 4K', () => {
  it.each([
    ['8K landscape (7680×4320)', { width: 7680, height: 4320 }, '3840x2160'],
    ['a square 4000×4000 picture', { width: 4000, height: 4000 }, '2160x2160'],
  ])(
    '%s ends ready with a 2160p top rung, scaled down in shape',
    async (_case, size, top) => {
      const clip = await makeClip(dir, `${size.width}x${size.height}.mp4`, {
        ...size,
        frameRate: 4,
        seconds: 1,
      });
      const video = await publish(clip);
      expect(video.state, video.error ?? '').toBe('ready');
      const rungs = video.renditions.map((r) => `${r.width}x${r.height}`);
      expect(rungs.at(-1)).toBe(top);
      expect(video.renditions.at(-1)?.name).toBe('2160p');
      expect(rungs).toHaveLength(7);
    },
    200_000,
  );
});

describe('a file with several video streams', () => {
  it('transcodes the stream the probe checked, not the still picture stored before it', async () => {
    // Matroska keeps the order given: a 1200×1200 still track first, then the real (default) video.
    const moving = await makeClip(dir, 'moving.mp4', { width: 320, height: 240, seconds: 2 });
    const still = path.join(dir, 'still.png');
    await run(
      'ffmpeg',
      ['-nostdin', '-v', 'error', '-f', 'lavfi', '-i', 'color=red:size=1200x1200'].concat([
        '-frames:v',
        '1',
        '-y',
        still,
      ]),
    );
    const both = path.join(dir, 'still-first.mkv');
    await run('ffmpeg', [
      ...['-nostdin', '-v', 'error', '-i', still, '-i', moving, '-map', '0', '-map', '1', '-c', 'copy'],
      ...['-disposition:v:0', '0', '-disposition:v:1', 'default', '-y', both],
    ]);
    const video = await publish(both, 'video/x-matroska');
    expect(video.state, video.error ?? '').toBe('ready');
    expect(video).toMatchObject({ width: 320, height: 240 });
    expect(video.renditions.map((r) => `${r.width}x${r.height}`)).toEqual(['320x240']);
    // Two seconds of moving picture at 30 fps were encoded, not the one frame of the still.
    const { size, frames } = await encodedRung(video.id, '240p');
    expect(size).toBe('320x240');
    expect(frames).toBeGreaterThan(50);
  }, 120_000);
});
