// A refused upload tells its owner, in plain words, what the file is and what is accepted: never ffmpeg's
// messages, option names or memory addresses. Each case is a real file uploaded through the API and
// refused by the worker, once: a refusal is final, never retried.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, register } from '../support/accounts.js';
import { makeClip, makeSoundOnly } from '../support/media-clips.js';
import { startTestPlatform, startTestWorker, type TestPlatform } from '../support/test-platform.js';
import { uploadFile, waitUntilSettled } from '../support/uploads.js';

const run = promisify(execFile);
let dir: string;
let test: TestPlatform;
let owner: Awaited<ReturnType<typeof register>>;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-plain-words-'));
  // A budget of one gigapixel: 18 s of 1080p30 is over it, a second of 320×240 far under.
  test = await startTestPlatform({ SOURCE_MAX_GIGAPIXELS: '1' });
  owner = await register(test.app);
  await startTestWorker(test.platform);
});
afterAll(async () => {
  await test.close();
  await rm(dir, { recursive: true, force: true });
});

const ffmpeg = (args: string[]) => run('ffmpeg', ['-nostdin', '-v', 'error', ...args, '-y']);
const ACCEPTED = 'MP4, MOV, MKV, WebM or AVI';

const CASES: { name: string; make: () => Promise<Buffer>; says: RegExp }[] = [
  {
    name: 'a PNG image',
    make: async () => {
      await ffmpeg([
        '-f',
        'lavfi',
        '-i',
        'testsrc2=size=320x240',
        '-frames:v',
        '1',
        path.join(dir, 'photo.png'),
      ]);
      return readFile(path.join(dir, 'photo.png'));
    },
    says: /^This is a PNG image, not a video; upload a video as MP4, MOV, MKV, WebM or AVI$/,
  },
  {
    name: 'an MP3 song',
    make: async () => {
      await ffmpeg([
        '-f',
        'lavfi',
        '-i',
        'sine=duration=1',
        '-c:a',
        'libmp3lame',
        path.join(dir, 'song.mp3'),
      ]);
      return readFile(path.join(dir, 'song.mp3'));
    },
    says: /^This is an MP3 sound file, not a video; upload a video as /,
  },
  {
    name: 'sound alone in an MP4 container',
    make: async () => readFile(await makeSoundOnly(dir, 'voice.m4a')),
    says: /^This file holds sound but no moving picture, so it is not a video; upload a video as /,
  },
  {
    name: 'a text file',
    make: async () => Buffer.from('Shopping list: eggs, milk, bread.\n'.repeat(40)),
    says: /^This is a text file, not a video; upload a video as /,
  },
  {
    name: 'a truncated MP4',
    make: async () => (await readFile(await makeClip(dir, 'whole.mp4', { seconds: 2 }))).subarray(0, 3_000),
    says: /^This is an MP4 or MOV video that is damaged or incomplete .*; upload the whole file again$/,
  },
  {
    name: 'unrecognisable bytes',
    make: async () => Buffer.from(Array.from({ length: 8_192 }, (_, i) => (i * 7919 + 13) % 251)),
    says: /^This file is not a video we can read; upload a video as /,
  },
  {
    name: 'a source over its pixel budget',
    make: async () => {
      const file = path.join(dir, 'heavy.mp4');
      await ffmpeg(
        ['-f', 'lavfi', '-i', 'color=c=navy:size=1920x1080:rate=30:duration=18'].concat([
          ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', file],
        ]),
      );
      return readFile(file);
    },
    says: /^This video is too heavy to process: 1920×1080 at 30 fps for 18 s\. At this size and frame rate we accept up to 16 s; /,
  },
];

describe('a refused upload, in plain words', () => {
  it.each(CASES)(
    '$name: says what was received and what is accepted',
    async ({ make, says }) => {
      const { video } = await uploadFile(test.app, owner.token, await make());
      const failed = await waitUntilSettled(test.app, owner.token, video.id, 90);
      expect(failed.state).toBe('failed');
      const reason = failed.error ?? '';
      expect(reason).toMatch(says);
      for (const internal of [
        /@ 0x/,
        /whitelist/i,
        /demuxer/i,
        /ffprobe|ffmpeg/i,
        / -[a-z_]+/,
        /file:/,
        /\/tmp\//,
      ])
        expect(reason).not.toMatch(internal);
      if (!says.source.includes('too heavy') && !says.source.includes('damaged'))
        expect(reason).toContain(ACCEPTED);
      // The studio's list shows the same words.
      const mine = await test.app.inject({ url: '/api/v1/me/videos', headers: bearer(owner.token) });
      expect(mine.json().items.find((item: { id: string }) => item.id === video.id)?.error).toBe(reason);
    },
    120_000,
  );

  it('refused every one of them once, never retrying', async () => {
    const count = async (outcome: string) => {
      const { values } = await test.platform.metrics.transcodeDuration.get();
      return values.find((value) => value.metricName?.endsWith('_count') && value.labels.outcome === outcome)
        ?.value;
    };
    for (let waited = 0; (await count('failed')) !== CASES.length && waited < 5_000; waited += 100)
      await sleep(100);
    expect(await count('failed')).toBe(CASES.length);
    expect(await count('error')).toBeUndefined();
  });
});
