import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VideoRepository } from '../../src/adapters/db/video.repository.js';
import type { Video } from '../../src/domain/video.js';
import { processedPrefix, rawKey } from '../../src/domain/video-files.js';
import { bearer, register } from '../support/accounts.js';
import { makeClip } from '../support/media-clips.js';
import { startTestPlatform, startTestWorker, type TestPlatform } from '../support/test-platform.js';

let test: TestPlatform;
let videos: VideoRepository;
let clipDir: string;
let owner: { id: string; channelId: string };
let fan: Awaited<ReturnType<typeof register>>;

beforeAll(async () => {
  test = await startTestPlatform();
  videos = test.platform.repositories.videos;
  clipDir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-job-clips-'));
  const user = await register(test.app);
  const me = await test.app.inject({ url: '/api/v1/me', headers: bearer(user.token) });
  owner = { id: user.id, channelId: me.json().channel.id };
  fan = await register(test.app);
  await test.app.inject({
    method: 'PUT',
    url: `/api/v1/channels/${user.handle}/subscription`,
    headers: bearer(fan.token),
  });
  await startTestWorker(test.platform);
});
afterAll(async () => {
  await test.close();
  await rm(clipDir, { recursive: true, force: true });
});

/** An uploaded video as the upload API leaves it, queued with its job in one transaction. */
async function queueUpload(bytes: Buffer | undefined): Promise<string> {
  const id = randomBytes(8).toString('base64url');
  await videos.insert({
    id,
    ownerId: owner.id,
    channelId: owner.channelId,
    fileName: 'holiday.mp4',
    size: bytes?.length ?? 1,
    contentType: 'video/mp4',
    uploadId: 'upload',
    partSize: 8 * 1024 * 1024,
    uploadExpiresAt: new Date(Date.now() + 3_600_000),
  });
  if (bytes) await test.platform.storage.putObject('raw', rawKey(id), bytes, { contentType: 'video/mp4' });
  const queued = await test.platform.repositories.videoStates.queue(
    id,
    { title: 'Holiday', description: '', visibility: 'public' },
    (trx) => test.platform.queue.send('transcode-video', { videoId: id }, trx),
  );
  expect(queued).toBe(true);
  return id;
}

async function settled(id: string): Promise<Video> {
  for (let waited = 0; waited < 90_000; waited += 250) {
    const video = await videos.findById(id);
    if (video && (video.state === 'ready' || video.state === 'failed')) return video;
    await sleep(250);
  }
  throw new Error(`video ${id} did not settle within 90 s`);
}

describe('transcode-video job', () => {
  it('publishes the ladder under the video prefix and marks it ready', async () => {
    const clip = await readFile(await makeClip(clipDir, 'clip.mp4', { width: 640, height: 360, seconds: 5 }));
    const id = await queueUpload(clip);
    const video = await settled(id);
    expect(video).toMatchObject({ state: 'ready', progress: 100, width: 640, height: 360, error: null });
    // A one-pass ladder starts at 0, where captions are mapped.
    expect(video.mediaStartSeconds).toBe(0);
    expect(video.durationSeconds).toBeCloseTo(5, 0);
    expect(video.renditions?.map((rendition) => rendition.name)).toEqual(['240p', '360p']);
    expect(video.publishedAt).toBeInstanceOf(Date);
    // Publishing enqueued the news for the channel's subscribers, in the same transaction.
    const news = async () =>
      (await test.app.inject({ url: '/api/v1/me/notifications', headers: bearer(fan.token) })).json().items;
    for (let waited = 0; (await news()).length === 0 && waited < 20_000; waited += 250) await sleep(250);
    expect(await news()).toMatchObject([{ kind: 'new_video', video: { id } }]);

    const prefix = processedPrefix(id);
    const master = await test.platform.storage.headObject('processed', `${prefix}master.m3u8`);
    expect(master?.contentType).toBe('application/vnd.apple.mpegurl');
    for (const key of [
      '360p/playlist.m3u8',
      '360p/segment-00000.m4s',
      'audio/playlist.m3u8',
      'poster.jpg',
      'storyboard.vtt',
    ]) {
      expect(await test.platform.storage.headObject('processed', `${prefix}${key}`), key).toBeDefined();
    }
    // A second job for the same video finds it finished and changes nothing.
    await test.platform.queue.send('transcode-video', { videoId: id });
    await sleep(1_500);
    expect((await videos.findById(id))?.state).toBe('ready');
  }, 120_000);

  it('fails a file that is not a video, with the reason, and keeps working', async () => {
    const id = await queueUpload(Buffer.from('This is a shopping list, not a video.\n'.repeat(100)));
    const video = await settled(id);
    expect(video.state).toBe('failed');
    expect(video.error).toMatch(/^This is a text file, not a video; upload a video as MP4/);
    expect(
      await test.platform.storage.headObject('processed', `${processedPrefix(id)}master.m3u8`),
    ).toBeUndefined();

    const missing = await settled(await queueUpload(undefined));
    expect(missing).toMatchObject({
      state: 'failed',
      error: 'The uploaded file is missing; please upload the video again',
    });
  }, 60_000);

  it.each([
    ['an empty file', async () => Buffer.alloc(0), /^This is an empty file, not a video/],
    // Random bytes may start like anything: whatever they are taken for, they are not a video.
    ['random bytes', async () => randomBytes(64 * 1024), /not a video|damaged or incomplete/],
    [
      'a truncated MP4',
      async () => (await readFile(await makeClip(clipDir, 'whole.mp4', { seconds: 2 }))).subarray(0, 2_000),
      /^This is an MP4 or MOV video that is damaged or incomplete/,
    ],
  ])('fails %s as unreadable and keeps working', async (_case, bytes, reason) => {
    const video = await settled(await queueUpload(await bytes()));
    expect(video.state).toBe('failed');
    expect(video.error).toMatch(reason);
  });

  it('fails a playlist disguised as a video without fetching anything it points at', async () => {
    const canaryHits: string[] = [];
    const canary = http.createServer((request, response) => {
      canaryHits.push(request.url ?? '');
      response.end();
    });
    await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(canary.address() as AddressInfo).port}`;
    try {
      const playlist = `#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:4,\n${url}/a.ts\n#EXTINF:4,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n`;
      const video = await settled(await queueUpload(Buffer.from(playlist)));
      expect(video.state).toBe('failed');
      expect(video.error).toMatch(/^This is a playlist, not a video/);
      expect(canaryHits).toEqual([]);
      expect(
        await test.platform.storage.headObject('processed', `${processedPrefix(video.id)}master.m3u8`),
      ).toBeUndefined();
    } finally {
      await new Promise((resolve) => canary.close(resolve));
    }
  });

  it('reports how long jobs took, by outcome, in the metrics', async () => {
    const count = async (outcome: string) => {
      const { values } = await test.platform.metrics.transcodeDuration.get();
      return values.find((value) => value.metricName?.endsWith('_count') && value.labels.outcome === outcome)
        ?.value;
    };
    // The tests above ended one video ready and six failed (text, missing, empty, random, truncated, playlist).
    // A job is timed until it returns, just after its video's state changed: the last may still be finishing.
    for (let waited = 0; (await count('failed')) !== 6 && waited < 5_000; waited += 100) await sleep(100);
    expect(await count('ready')).toBe(1);
    expect(await count('failed')).toBe(6);
  });
});
