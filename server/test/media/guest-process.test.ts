// ffmpeg and ffprobe run as guests: nothing of the worker's environment, hard limits, a lower priority,
// and no frame decoded larger than the probe declared.
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWithinDeadline } from '../../src/media/deadline-run.js';
import { decodablePixels, ffmpegInput } from '../../src/media/ffmpeg-input.js';
import { runFfmpeg } from '../../src/media/ffmpeg-runner.js';
import { GUEST_NICENESS, guestCommand, guestLimits } from '../../src/media/guest-process.js';
import { probeSource } from '../../src/media/probe.js';
import { DEFAULT_LIMITS, UnusableSource } from '../../src/media/source-facts.js';

const run = promisify(execFile);
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-guest-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('guestCommand', () => {
  it('starts the program niced, under prlimit, with its argv untouched', () => {
    const limits = { memoryBytes: 4096, cpuSeconds: 60, openFiles: 64, niceness: 7 };
    expect(guestCommand('/usr/bin/ffmpeg', ['-i', 'file:a b'], limits)).toEqual({
      command: 'nice',
      args: [
        ...['-n', '7', 'prlimit', '--data=4096', '--cpu=60', '--nofile=64', '--'],
        ...['/usr/bin/ffmpeg', '-i', 'file:a b'],
      ],
    });
  });

  it('allows every core for the whole deadline, and no more processor time', () => {
    expect(guestLimits(90_500).cpuSeconds).toBe(91 * os.availableParallelism());
    expect(guestLimits(1_000)).toMatchObject({ niceness: GUEST_NICENESS, openFiles: 1024 });
  });
});

describe('decodablePixels', () => {
  it.each([
    [1920, 1080, 1920 * 1152],
    [854, 480, 896 * 512],
    [64, 64, 128 * 128],
    [1080, 1920, 1152 * 1920],
  ])(
    'lets a %i×%i source decode frames of its own size and its decoders’ padding',
    (width, height, pixels) => {
      expect(decodablePixels({ width, height })).toBe(pixels);
    },
  );
});

describe('a guest started by the worker', () => {
  const secrets = {
    SESSION_SECRET: 'session-secret-value',
    PGPASSWORD: 'database-password',
    S3_SECRET_ACCESS_KEY: 'storage-secret-key',
  };
  let standIn: string;
  const seen = () => readFile(path.join(dir, 'seen'), 'utf8');
  beforeAll(async () => {
    Object.assign(process.env, secrets);
    // Stands in for ffmpeg and ffprobe: writes down the environment it was started with, its limits and its
    // niceness (field 19 of /proc/PID/stat), and answers an empty probe.
    standIn = path.join(dir, 'guest');
    await writeFile(
      standIn,
      [
        '#!/bin/sh',
        `{ tr '\\0' '\\n' < /proc/$$/environ; echo ---; cat /proc/$$/limits; echo ---;`,
        `  cut -d' ' -f19 /proc/$$/stat; } > '${path.join(dir, 'seen')}'`,
        `echo '{}'`,
      ].join('\n'),
    );
    await chmod(standIn, 0o755);
  });
  afterAll(() => {
    for (const name of Object.keys(secrets)) delete process.env[name];
  });

  const input = ffmpegInput({ path: '/tmp/source', container: 'mov', frame: { width: 640, height: 360 } });

  it('ffmpeg gets no secret of the worker’s, hard limits and a lower priority', async () => {
    await runFfmpeg(standIn, [...input, '-f', 'null', '-'], { durationSeconds: 1, timeoutMs: 30_000 });
    const [environment = '', limits = '', niceness = ''] = (await seen()).split('---\n');
    expect(environment.trim().split('\n').sort()).toEqual([
      'LC_ALL=C.UTF-8',
      'PATH=/usr/local/bin:/usr/bin:/bin',
    ]);
    for (const secret of Object.values(secrets)) expect(await seen()).not.toContain(secret);
    expect(limits).toMatch(/Max data size\s+4294967296\s+4294967296 /);
    expect(limits).toMatch(new RegExp(`Max cpu time\\s+${30 * os.availableParallelism()}\\s`));
    expect(limits).toMatch(/Max open files\s+1024\s+1024 /);
    expect(Number(niceness) - os.getPriority()).toBe(GUEST_NICENESS);
  });

  it('a guest asked to be nicer is started nicer', async () => {
    await runFfmpeg(standIn, [...input, '-f', 'null', '-'], {
      durationSeconds: 1,
      timeoutMs: 30_000,
      niceness: 10,
    });
    const [, , niceness = ''] = (await seen()).split('---\n');
    expect(Number(niceness) - os.getPriority()).toBe(10);
  });

  it('ffprobe gets no secret of the worker’s either, and the same limits', async () => {
    await probeSource(standIn, path.join(dir, 'any.mp4'), DEFAULT_LIMITS).catch(() => undefined);
    const [environment = '', limits = ''] = (await seen()).split('---\n');
    expect(environment.trim().split('\n').sort()).toEqual([
      'LC_ALL=C.UTF-8',
      'PATH=/usr/local/bin:/usr/bin:/bin',
    ]);
    expect(limits).toMatch(/Max data size\s+4294967296\s+4294967296 /);
  });
});

describe('a source whose frames grow past what it declares', () => {
  it('is decoded at the declared size only: the larger frame is never allocated', async () => {
    // 64×64 for a second, then one 4096×4096 frame: the container declares the first size.
    const small = path.join(dir, 'small.mkv');
    const large = path.join(dir, 'large.mkv');
    const list = path.join(dir, 'parts.txt');
    const grown = path.join(dir, 'grown.mkv');
    const still = ['-nostdin', '-v', 'error', '-f', 'lavfi', '-i'];
    await run('ffmpeg', [...still, 'color=size=64x64:rate=30:duration=1', '-c:v', 'mjpeg', '-y', small]);
    await run('ffmpeg', [
      ...still,
      'color=size=4096x4096:rate=30',
      '-frames:v',
      '1',
      '-c:v',
      'mjpeg',
      '-y',
      large,
    ]);
    await writeFile(list, `file '${small}'\nfile '${large}'\n`);
    await run('ffmpeg', [
      '-nostdin',
      '-v',
      'error',
      '-f',
      'concat',
      '-safe',
      '0',
      '-i',
      list,
      '-c',
      'copy',
      '-y',
      grown,
    ]);

    const source = await probeSource('ffprobe', grown, DEFAULT_LIMITS);
    expect(source.video).toMatchObject({ width: 64, height: 64 });
    // Every frame decoded, one line each with its size in bytes (a larger one would come out scaled down).
    const frames = path.join(dir, 'frames.txt');
    const args = [
      ...ffmpegInput({ path: grown, container: source.container, frame: source.video }),
      ...['-map', '0:v:0', '-c:v', 'rawvideo', '-pix_fmt', 'yuv420p', '-f', 'framecrc', '-y', frames],
    ];
    await runFfmpeg('ffmpeg', args, { durationSeconds: source.durationSeconds, timeoutMs: 60_000 });
    const frameBytes = (await readFile(frames, 'utf8'))
      .split('\n')
      .filter((line) => /^\d/.test(line))
      .map((line) => Number(line.split(',')[4]));
    // The 30 small frames; the large one was refused by the decoder, so nothing was made from it.
    expect(frameBytes).toEqual(Array.from({ length: 30 }, () => 64 * 64 * 1.5));
  }, 60_000);
});

describe('a guest that runs out of its memory', () => {
  it('fails the video with a message its owner can act on, not a retry', async () => {
    const standIn = path.join(dir, 'starved');
    await writeFile(standIn, `#!/bin/sh\necho 'x264 [error]: malloc of size 44008576 failed' >&2\nexit 1\n`);
    await chmod(standIn, 0o755);
    const input = ffmpegInput({ path: '/tmp/source', container: 'mov', frame: { width: 640, height: 360 } });
    const failure = await runWithinDeadline(standIn, [...input, '-f', 'null', '-'], {
      durationSeconds: 1,
      timeoutMs: 30_000,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UnusableSource);
    expect((failure as UnusableSource).message).toMatch(/needs more memory than we give one video/);
  });
});
