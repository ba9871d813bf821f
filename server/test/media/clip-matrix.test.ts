// Every kind of clip the issue names, uploaded through the API, transcoded by the worker, and checked
// with ffprobe reading the published ladder over HTTP through the hlsUrl the API hands out.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from '../support/accounts.js';
import { type ClipOptions, makeClip } from '../support/media-clips.js';
import { startTestPlatform, startTestWorker, type TestPlatform } from '../support/test-platform.js';
import { uploadFile, waitUntilSettled } from '../support/uploads.js';

const run = promisify(execFile);
let dir: string;
let test: TestPlatform;
let owner: Awaited<ReturnType<typeof register>>;
let origin: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-matrix-'));
  test = await startTestPlatform();
  owner = await register(test.app);
  await startTestWorker(test.platform);
  origin = await test.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await test.close();
  await rm(dir, { recursive: true, force: true });
});

interface Case {
  name: string;
  file: string;
  clip: ClipOptions;
  rungs: string[];
  audio: boolean;
}

const VP9 = ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '500k'];
const YUV444 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv444p'];
const TEN_BIT = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p10le'];

const CASES: Case[] = [
  {
    name: 'landscape with stereo',
    file: 'landscape.mp4',
    clip: { width: 640, height: 360 },
    rungs: ['426x240@30', '640x360@30'],
    audio: true,
  },
  {
    name: 'portrait',
    file: 'portrait.mp4',
    clip: { width: 360, height: 640 },
    rungs: ['240x426@30', '360x640@30'],
    audio: true,
  },
  {
    name: 'phone portrait, stored landscape with a 90° display matrix',
    file: 'rotated.mp4',
    clip: { width: 640, height: 360, rotation: 90 },
    rungs: ['240x426@30', '360x640@30'],
    audio: true,
  },
  {
    name: 'odd size in 4:4:4',
    file: 'odd.mp4',
    clip: { width: 640, height: 360, videoCodec: YUV444, outputOptions: ['-vf', 'scale=641:361'] },
    rungs: ['426x240@30', '638x360@30'],
    audio: true,
  },
  {
    name: '10-bit H.264 (High 10)',
    file: 'ten-bit.mp4',
    clip: { width: 640, height: 360, videoCodec: TEN_BIT },
    rungs: ['426x240@30', '640x360@30'],
    audio: true,
  },
  {
    name: 'no sound',
    file: 'silent.mp4',
    clip: { width: 640, height: 360, audioChannels: 0 },
    rungs: ['426x240@30', '640x360@30'],
    audio: false,
  },
  {
    name: '60 fps',
    file: 'sixty.mp4',
    clip: { width: 1280, height: 720, frameRate: 60 },
    rungs: ['426x240@30', '640x360@30', '854x480@30', '1280x720@60'],
    audio: true,
  },
  {
    name: 'tiny, below 240p',
    file: 'tiny.mp4',
    clip: { width: 160, height: 120 },
    rungs: ['160x120@30'],
    audio: true,
  },
  {
    name: 'VP9 and Opus in WebM',
    file: 'vp9.webm',
    clip: { width: 640, height: 360, videoCodec: VP9, audioCodec: 'libopus' },
    rungs: ['426x240@30', '640x360@30'],
    audio: true,
  },
  {
    name: '5.1 sound, mixed down to stereo',
    file: 'surround.mp4',
    clip: { width: 640, height: 360, audioChannels: 6 },
    rungs: ['426x240@30', '640x360@30'],
    audio: true,
  },
];

async function probeStream(playlist: string) {
  const { stdout } = await run('ffprobe', [
    ...[
      '-v',
      'error',
      '-show_entries',
      'stream=codec_name,codec_type,width,height,pix_fmt,r_frame_rate,channels',
    ],
    ...['-show_entries', 'format=duration', '-of', 'json', playlist],
  ]);
  const parsed = JSON.parse(stdout);
  return { stream: parsed.streams[0], duration: Number(parsed.format.duration) };
}

async function keyframes(playlist: string): Promise<string[]> {
  const { stdout } = await run('ffprobe', [
    ...['-v', 'error', '-select_streams', 'v:0', '-skip_frame', 'nokey', '-show_entries', 'frame=pts_time'],
    ...['-of', 'csv=p=0', playlist],
  ]);
  return stdout
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((time) => Number(time).toFixed(3));
}

/** PSNR in dB of a rung's first picture against the source's, as a player would display it, at the rung's size. */
async function likeness(
  rungPlaylist: string,
  source: string,
  width: number,
  height: number,
): Promise<number> {
  const { stderr } = await run('ffmpeg', [
    ...['-nostdin', '-v', 'info', '-i', rungPlaylist, '-i', source, '-filter_complex'],
    ...[
      `[1:v]scale=${width}:${height},setsar=1[shown];[0:v][shown]psnr`,
      '-frames:v',
      '1',
      '-f',
      'null',
      '-',
    ],
  ]);
  const average = stderr.match(/PSNR .*average:(\S+)/)?.[1];
  return average === 'inf' ? Number.POSITIVE_INFINITY : Number(average);
}

describe.each(CASES)('a $name clip', ({ file, clip, rungs, audio }) => {
  it('becomes the planned ladder of browser-playable H.264, aligned and complete', async () => {
    const input = await makeClip(dir, file, { seconds: 4, ...clip });
    const contentType = file.endsWith('.webm') ? 'video/webm' : 'video/mp4';
    const { video } = await uploadFile(test.app, owner.token, await readFile(input), {
      fileName: file,
      contentType,
    });
    const ready = await waitUntilSettled(test.app, owner.token, video.id, 120);
    expect(ready.state, ready.error ?? '').toBe('ready');
    expect(ready.renditions.map((r) => `${r.width}x${r.height}@${r.frameRate}`)).toEqual(rungs);
    // The player's view: the hlsUrl's path, fetched from this server, and the URLs relative to it.
    const master = new URL(new URL(ready.hlsUrl ?? '').pathname, origin);
    const at = (relative: string) => new URL(relative, master).toString();

    const alignment: string[][] = [];
    for (const rendition of ready.renditions) {
      const { stream, duration } = await probeStream(at(`${rendition.name}/playlist.m3u8`));
      expect(stream).toMatchObject({
        codec_name: 'h264',
        pix_fmt: 'yuv420p',
        width: rendition.width,
        height: rendition.height,
      });
      expect(stream.r_frame_rate).toBe(`${rendition.frameRate}/1`);
      expect(Math.abs(duration - (ready.durationSeconds ?? 0))).toBeLessThan(0.2);
      alignment.push(await keyframes(at(`${rendition.name}/playlist.m3u8`)));
    }
    for (const times of alignment) expect(times).toEqual(alignment[0]);
    const top = ready.renditions.at(-1);
    if (!top) throw new Error('empty ladder');
    // Upright and unmirrored: a sideways or flipped picture scores about 6 dB, a faithful one 25 dB or more.
    expect(await likeness(at(`${top.name}/playlist.m3u8`), input, top.width, top.height)).toBeGreaterThan(20);

    const playlist = await (await fetch(master)).text();
    const entries = playlist.split('\n').filter((line) => line.startsWith('#EXT-X-STREAM-INF:'));
    expect(entries.map((line) => line.match(/RESOLUTION=(\d+x\d+)/)?.[1])).toEqual(
      ready.renditions.map((r) => `${r.width}x${r.height}`),
    );
    for (const line of entries) expect(line.includes('AUDIO="audio"')).toBe(audio);
    expect(playlist.includes('#EXT-X-MEDIA:TYPE=AUDIO')).toBe(audio);
    /** HEAD: no body is left unread to keep the connection busy. */
    const status = async (relative: string) => (await fetch(at(relative), { method: 'HEAD' })).status;
    if (audio) {
      const { stream } = await probeStream(at('audio/playlist.m3u8'));
      expect(stream).toMatchObject({ codec_name: 'aac', channels: 2 });
    } else {
      expect(await status('audio/playlist.m3u8')).toBe(404);
    }
    for (const extra of ['poster.jpg', 'storyboard.vtt']) expect(await status(extra)).toBe(200);
  }, 180_000);
});
