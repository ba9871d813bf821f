// A live process that dies says nothing more: the live videos it made must not stay live for ever (their
// keys would refuse every publish). Each live process says every few seconds which videos it still makes,
// and ends those nobody has named for 30 s; a publish on such a key ends its old video first. A video
// so ended gets the end its process never wrote on its playlists, and becomes a video like any other.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runFfmpeg } from '../../../src/media/ffmpeg-runner.js';
import { buildLiveArgs, DEFAULT_LIVE_LADDER, planLive } from '../../../src/media/live-ladder.js';
import { joinRuns, runPlaylistName } from '../../../src/media/live-runs.js';
import { describeOutput } from '../../../src/media/published-files.js';
import type { LiveIngestService } from '../../../src/services/live/live-ingest.service.js';
import { bearer, register } from '../../support/accounts.js';
import { eventually } from '../../support/eventually.js';
import { startLiveVideo } from '../../support/live-videos.js';
import { makeStreamKey } from '../../support/stream-keys.js';
import { startTestPlatform, startTestWorker, type TestPlatform } from '../../support/test-platform.js';

let test: TestPlatform;
let live: LiveIngestService;

beforeAll(async () => {
  test = await startTestPlatform();
  if (!test.platform.services.live) throw new Error('the test platform takes live publishes');
  live = test.platform.services.live;
  // Publishes the ended streams as videos.
  await startTestWorker(test.platform);
});
afterEach(() => test.clock.reset());
afterAll(() => test.close());

async function goLive() {
  const owner = await register(test.app);
  const { key } = await makeStreamKey(test.app, owner);
  const admission = await live.admit(key);
  if (!admission.admitted) throw new Error(`not admitted: ${admission.reason}`);
  return { owner, key, videoId: admission.stream.videoId };
}

async function liveState(videoId: string, token: string) {
  const response = await test.app.inject({ url: `/api/v1/videos/${videoId}`, headers: bearer(token) });
  return response.json().live.state;
}

describe('a live video whose process is lost', () => {
  it('stays live while a process names it, and is ended once none has for 30 s', async () => {
    const { owner, videoId } = await goLive();
    test.clock.advance(25);
    await test.platform.repositories.liveVideos.seen([videoId], test.clock.now());
    test.clock.advance(25);
    await live.keepAlive();
    expect(await liveState(videoId, owner.token)).toBe('live');

    test.clock.advance(31);
    await live.keepAlive();
    expect(await liveState(videoId, owner.token)).toBe('ended');
  });

  it('ends when its key publishes again after 30 s unseen, and the new publish is taken', async () => {
    const { owner, key, videoId } = await goLive();
    expect(await live.admit(key)).toEqual({ admitted: false, reason: 'already_live' });

    test.clock.advance(31);
    const again = await live.admit(key);
    expect(again.admitted).toBe(true);
    expect(await liveState(videoId, owner.token)).toBe('ended');
    if (again.admitted) expect(await liveState(again.stream.videoId, owner.token)).toBe('live');
  });
});

/**
 * What a live process had published of a 3-s stream when it died: the live ffmpeg's real segments and
 * init segments, the master, and the variant playlists as they stood, not ended.
 */
async function publishUnendedRecording(videoId: string): Promise<void> {
  const plan = planLive(
    { videoCodec: 'h264', width: 1280, height: 720, frameRate: 30, hasAudio: true },
    DEFAULT_LIVE_LADDER,
  );
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-lost-live-'));
  try {
    const encoder = spawn('ffmpeg', [
      ...['-hide_banner', '-v', 'error', '-nostdin'],
      ...[
        '-f',
        'lavfi',
        '-i',
        'testsrc=size=1280x720:rate=30',
        '-f',
        'lavfi',
        '-i',
        'sine=sample_rate=48000',
      ],
      ...['-t', '3', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '30', '-pix_fmt', 'yuv420p'],
      ...['-c:a', 'aac', '-f', 'flv', 'pipe:1'],
    ]);
    await runFfmpeg('ffmpeg', buildLiveArgs(plan, dir), {
      durationSeconds: 3,
      timeoutMs: 60_000,
      feed: (stdin) => encoder.stdout.pipe(stdin),
    });
    const { storage } = test.platform;
    const put = (file: string, bytes: Buffer) => {
      const { contentType, cacheControl } = describeOutput(file);
      return storage.putObject('processed', `videos/${videoId}/${file}`, bytes, {
        contentType,
        cacheControl,
      });
    };
    for (const rendition of ['360p', '720p', 'audio']) {
      for (const file of await readdir(path.join(dir, rendition)))
        if (!file.endsWith('.m3u8'))
          await put(`${rendition}/${file}`, await readFile(path.join(dir, rendition, file)));
      const playlist = joinRuns([await readFile(path.join(dir, rendition, runPlaylistName(0)), 'utf8')]);
      await put(`${rendition}/playlist.m3u8`, Buffer.from(playlist.replace('#EXT-X-ENDLIST\n', '')));
    }
    await put('master.m3u8', Buffer.from(plan.masterPlaylist));
    await test.platform.repositories.liveVideos.recordLadder(videoId, plan.ladder);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('a live video ended because its process was lost', () => {
  it('gets ended playlists, a poster and a storyboard, and becomes ready', async () => {
    const owner = await register(test.app);
    const videoId = await startLiveVideo(test, owner);
    await publishUnendedRecording(videoId);
    const media = async (file: string) => {
      const { hlsUrl } = (await test.app.inject({ url: `/api/v1/videos/${videoId}` })).json();
      return test.app.inject({ url: new URL(file, hlsUrl).pathname });
    };
    expect((await media('360p/playlist.m3u8')).body).not.toContain('#EXT-X-ENDLIST');

    test.clock.advance(31);
    await live.keepAlive();
    await eventually(
      async () => (await test.app.inject({ url: `/api/v1/videos/${videoId}` })).json().state === 'ready',
      60,
      'the recording is a video',
    );
    const video = (await test.app.inject({ url: `/api/v1/videos/${videoId}` })).json();
    expect(video.live.state).toBe('ended');
    expect(video.durationSeconds).toBeGreaterThanOrEqual(2);
    expect(video.posterUrl).toEqual(expect.any(String));
    for (const rendition of ['360p', '720p', 'audio']) {
      const playlist = (await media(`${rendition}/playlist.m3u8`)).body;
      expect(playlist, rendition).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
      expect(playlist.trimEnd().endsWith('#EXT-X-ENDLIST'), rendition).toBe(true);
    }
    expect((await media('storyboard.vtt')).body).toContain('#xywh=');
  }, 120_000);
});
