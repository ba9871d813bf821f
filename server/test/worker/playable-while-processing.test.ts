// Watch while it transcodes: the master playlist and the first segments of every rung are fetchable, and
// the video says it is playable, before its job ends; the finished ladder is a complete VOD one, with the
// same segments as a straight run of the encoder.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VARIANT_PLAYLIST } from '../../src/domain/video-files.js';
import { locateFfmpeg } from '../../src/media/ffmpeg-binaries.js';
import { DEFAULT_LIMITS } from '../../src/media/source-facts.js';
import { DEFAULT_STORYBOARD } from '../../src/media/storyboard.js';
import { DEFAULT_POLICY } from '../../src/media/transcode-policy.js';
import { transcodeSource } from '../../src/media/transcode-source.js';
import { bearer, register } from '../support/accounts.js';
import { makeClip } from '../support/media-clips.js';
import { startTestPlatform, startTestWorker, type TestPlatform } from '../support/test-platform.js';
import { uploadFile, waitUntilSettled } from '../support/uploads.js';

let dir: string;
let test: TestPlatform;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-growing-'));
  // A killed encode is retried three seconds later.
  test = await startTestPlatform({ TRANSCODE_RETRY_DELAY_SECONDS: '3' });
  await startTestWorker(test.platform);
});
afterAll(async () => {
  await test.close();
  await rm(dir, { recursive: true, force: true });
});

/** A media URL's path and query, fetched from this app as a player would. */
async function fetchMedia(url: string) {
  const { pathname } = new URL(url);
  return test.app.inject({ url: pathname });
}

/** Polls the video as anonymous viewers see it until `done` says so. */
async function watchUntil(videoId: string, done: (video: { state: string; playable: boolean }) => boolean) {
  for (let waited = 0; waited < 60_000; waited += 100) {
    const response = await test.app.inject({ url: `/api/v1/videos/${videoId}` });
    if (response.statusCode === 200 && done(response.json())) return response.json();
    await sleep(100);
  }
  throw new Error(`video ${videoId} never got there`);
}

/** The segment lines of a playlist: each duration with its file. */
const segmentsOf = (playlist: string) =>
  playlist.split('\n').filter((line) => line.startsWith('#EXTINF') || (line !== '' && !line.startsWith('#')));

describe('a video being encoded', () => {
  it('plays from its first segments before the job ends, and ends as a complete VOD ladder', async () => {
    // Long enough at 720p (four rungs) to take several seconds to encode here.
    const input = await makeClip(dir, 'long.mp4', { width: 1280, height: 720, seconds: 20 });
    const owner = await register(test.app);
    const { video } = await uploadFile(test.app, owner.token, await readFile(input));

    let growing:
      | { state: string; playable: boolean; hlsUrl: string | null; posterUrl: string | null }
      | undefined;
    for (let waited = 0; waited < 60_000; waited += 100) {
      const seen = (await test.app.inject({ url: `/api/v1/videos/${video.id}` })).json();
      if (seen.playable || seen.state === 'ready' || seen.state === 'failed') {
        growing = seen;
        break;
      }
      await sleep(100);
    }
    // Poster and storyboard come once the ladder is done.
    expect(growing).toMatchObject({
      state: 'processing',
      playable: true,
      posterUrl: null,
      storyboardUrl: null,
    });

    const master = await fetchMedia(growing?.hlsUrl ?? '');
    expect(master.statusCode).toBe(200);
    expect(master.headers['cache-control']).toBe('no-cache');
    const variants = master.body
      .split('\n')
      .filter((line) => line.endsWith('.m3u8') && !line.startsWith('#'));
    const audio = /URI="([^"]+)"/.exec(master.body)?.[1];
    const renditions = [...variants, ...(audio ? [audio] : [])];
    expect(renditions.length).toBeGreaterThanOrEqual(4);
    const base = (growing?.hlsUrl ?? '').replace(/master\.m3u8$/, '');
    for (const rendition of renditions) {
      const playlist = await fetchMedia(`${base}${rendition}`);
      expect(playlist.statusCode, rendition).toBe(200);
      expect(playlist.headers['cache-control']).toBe('no-cache');
      expect(playlist.body).toContain('#EXT-X-PLAYLIST-TYPE:EVENT');
      expect(playlist.body).not.toContain('#EXT-X-ENDLIST');
      const folder = rendition.replace(VARIANT_PLAYLIST, '');
      const init = /#EXT-X-MAP:URI="([^"]+)"/.exec(playlist.body)?.[1];
      const [firstSegment] = playlist.body.split('\n').filter((line) => line.endsWith('.m4s'));
      for (const file of [init, firstSegment]) {
        const segment = await fetchMedia(`${base}${folder}${file}`);
        expect(segment.statusCode, `${folder}${file}`).toBe(200);
        expect(segment.rawPayload.length).toBeGreaterThan(0);
      }
    }
    // All of that while the job still runs.
    expect((await test.app.inject({ url: `/api/v1/videos/${video.id}` })).json().state).toBe('processing');

    const ready = await waitUntilSettled(test.app, owner.token, video.id, 120);
    expect(ready).toMatchObject({ state: 'ready', playable: true });
    const ffmpeg = await locateFfmpeg({});
    const straightDir = await mkdtemp(path.join(dir, 'straight-'));
    const straight = await transcodeSource(input, straightDir, {
      ...ffmpeg,
      policy: DEFAULT_POLICY,
      storyboard: DEFAULT_STORYBOARD,
      limits: DEFAULT_LIMITS,
      timeout: { perSourceSecond: 10, minimumMs: 60_000, maximumMs: 600_000 },
    });
    expect(renditions.length).toBe(straight.ladder.length + 1);
    for (const rendition of renditions) {
      const final = await fetchMedia(`${base}${rendition}`);
      expect(final.headers['cache-control']).toBe('public, max-age=60');
      expect(final.body).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
      expect(final.body).toContain('#EXT-X-ENDLIST');
      const expected = await readFile(path.join(straightDir, rendition), 'utf8');
      expect(segmentsOf(final.body), rendition).toEqual(segmentsOf(expected));
    }
  }, 180_000);

  it('withdraws what it published when the encode dies midway, and the retry publishes it whole', async () => {
    const input = await makeClip(dir, 'killed.mp4', { width: 1280, height: 720, seconds: 20 });
    const owner = await register(test.app);
    const { video } = await uploadFile(test.app, owner.token, await readFile(input));
    const growing = await watchUntil(video.id, (seen) => seen.playable || seen.state !== 'processing');
    expect(growing).toMatchObject({ state: 'processing', playable: true });

    // The worker's ffmpeg dies (its scratch directory is named after the video).
    await new Promise((resolve) => execFile('pkill', ['-KILL', '-f', `vidstream-${video.id}-`], resolve));
    // The video stops being offered, then its master playlist goes (before any segment does). The S3 test
    // server may answer 500 while it deletes the very file being read; real S3 deletes atomically.
    let masterStatus = 200;
    for (let waited = 0; masterStatus !== 404 && waited < 10_000; waited += 50) {
      masterStatus = (await fetchMedia(growing.hlsUrl)).statusCode;
      await sleep(50);
    }
    expect(masterStatus).toBe(404);
    expect((await test.app.inject({ url: `/api/v1/videos/${video.id}` })).statusCode).toBe(404);
    const asOwner = await test.app.inject({
      url: `/api/v1/videos/${video.id}`,
      headers: bearer(owner.token),
    });
    expect(asOwner.json()).toMatchObject({ playable: false, hlsUrl: null });

    const ready = await waitUntilSettled(test.app, owner.token, video.id, 120);
    expect(ready).toMatchObject({ state: 'ready', playable: true });
    const master = await fetchMedia(ready.hlsUrl ?? '');
    expect(master.statusCode).toBe(200);
  }, 180_000);
});
