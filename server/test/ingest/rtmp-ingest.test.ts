// A real encoder publishing RTMP: ffmpeg sends a synthetic picture and tone in real time. A stream key in
// use makes a live video whose playlists and segments are read through /media while it is sent; an encoder
// that drops and publishes again within the reconnect grace continues the same video; once the grace
// passes with no publisher the video ends and becomes an ordinary ready video, listed and searchable. A
// revoked key, and a second publish on a key already live, are refused.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RtmpIngest, startRtmpIngest } from '../../src/ingest/rtmp-ingest.js';
import { bearer, register } from '../support/accounts.js';
import { eventually } from '../support/eventually.js';
import { makeStreamKey } from '../support/stream-keys.js';
import { startTestPlatform, startTestWorker, type TestPlatform } from '../support/test-platform.js';
import { editVideo } from '../support/video-edits.js';

let test: TestPlatform;
let ingest: RtmpIngest;
/** Short, so a test waits little for the end; long enough for ffmpeg to publish again within it. */
const RECONNECT_SECONDS = 4;

beforeAll(async () => {
  test = await startTestPlatform({ LIVE_RECONNECT_SECONDS: String(RECONNECT_SECONDS) });
  const live = test.platform.services.live;
  if (!live) throw new Error('the test platform runs ffmpeg, so it takes live publishes');
  ingest = await startRtmpIngest(live, { port: 0, host: '127.0.0.1' }, pino({ level: 'silent' }));
  // Publishes the ended streams as videos.
  await startTestWorker(test.platform);
});
afterAll(async () => {
  await ingest.close();
  await test.close();
});

type Person = Awaited<ReturnType<typeof register>>;

/** ffmpeg publishing 720p H.264 with AAC, paced as a camera would, for `seconds`. */
function publish(key: string, seconds: number): ChildProcess {
  return spawn(
    'ffmpeg',
    [
      ...['-hide_banner', '-v', 'error', '-nostdin', '-re'],
      ...['-f', 'lavfi', '-i', 'testsrc=size=1280x720:rate=30'],
      ...['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000'],
      ...[
        '-t',
        String(seconds),
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        '-g',
        '30',
        '-pix_fmt',
        'yuv420p',
      ],
      ...['-c:a', 'aac', '-f', 'flv', `rtmp://127.0.0.1:${ingest.port}/live/${key}`],
    ],
    { stdio: 'ignore' },
  );
}

async function exitCode(publisher: ChildProcess): Promise<number | null> {
  if (publisher.exitCode !== null) return publisher.exitCode;
  const [code] = await once(publisher, 'exit');
  return code as number | null;
}

const liveVideoOf = async (owner: Person): Promise<string | null> => {
  const response = await test.app.inject({ url: '/api/v1/me/stream-keys', headers: bearer(owner.token) });
  return response.json().items[0]?.liveVideoId ?? null;
};

const videoAnswer = async (id: string) => (await test.app.inject({ url: `/api/v1/videos/${id}` })).json();

const videosOf = async (owner: Person) => {
  const { rows } = await sql<{ count: string }>`
    SELECT count(*) FROM videos WHERE owner_id = ${owner.id}`.execute(test.platform.database.db);
  return Number(rows[0]?.count);
};

const liveVideos = async () => {
  const { rows } = await sql<{ count: string }>`
    SELECT count(*) FROM videos WHERE live_state IS NOT NULL`.execute(test.platform.database.db);
  return Number(rows[0]?.count);
};

const media = (file: string, hlsUrl: string) => test.app.inject({ url: new URL(file, hlsUrl).pathname });

const run = promisify(execFile);

/** How many frames ffprobe decodes from a rendition's init segment followed by one of its segments. */
async function decodedFrames(
  hlsUrl: string,
  rendition: string,
  init: string,
  segment: string,
): Promise<number> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-live-segment-'));
  try {
    const file = path.join(dir, 'piece.mp4');
    const bytes = await Promise.all(
      [init, segment].map(async (name) => (await media(`${rendition}/${name}`, hlsUrl)).rawPayload),
    );
    await writeFile(file, Buffer.concat(bytes));
    const { stdout } = await run('ffprobe', [
      ...['-v', 'error', '-count_frames', '-select_streams', 'v:0'],
      ...['-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', file],
    ]);
    return Number(stdout.trim());
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The init segment and the first segment of each run in a variant playlist. */
function runStarts(playlist: string): { init: string; segment: string }[] {
  const starts: { init: string; segment: string }[] = [];
  let init: string | undefined;
  for (const line of playlist.split('\n')) {
    const map = /#EXT-X-MAP:URI="([^"]+)"/.exec(line)?.[1];
    if (map) init = map;
    else if (init && line.endsWith('.m4s')) {
      starts.push({ init, segment: line });
      init = undefined;
    }
  }
  return starts;
}

describe('RTMP ingest', () => {
  it('makes a live video read through /media while it is sent, and ends it when the publisher stops', async () => {
    const owner = await register(test.app);
    const { key } = await makeStreamKey(test.app, owner);
    // Sends until told to stop (at most a minute), so a slow machine cannot end it before the checks.
    const publisher = publish(key, 60);

    await eventually(async () => (await liveVideoOf(owner)) !== null, 20, 'the key is live');
    const id = (await liveVideoOf(owner)) as string;
    await eventually(async () => (await videoAnswer(id)).playable, 20, 'the live video plays');
    const video = await videoAnswer(id);
    expect(video.live).toEqual({
      state: 'live',
      startedAt: expect.any(String),
      endedAt: null,
      // Counted while live: nobody plays it yet.
      viewers: 0,
    });
    expect(video.state).toBe('processing');

    // The publisher's 720p H.264 is copied, 360p is encoded, the audio has its own rendition.
    const master = await media('master.m3u8', video.hlsUrl);
    expect(master.statusCode).toBe(200);
    expect(master.body).toContain('RESOLUTION=1280x720');
    expect(master.body).toContain('RESOLUTION=640x360');
    const variant = await media('720p/playlist.m3u8', video.hlsUrl);
    expect(variant.statusCode).toBe(200);
    expect(variant.headers['cache-control']).toBe('no-cache');
    expect(variant.body).toContain('#EXT-X-PROGRAM-DATE-TIME:');
    expect(variant.body).not.toContain('#EXT-X-ENDLIST');
    const segment = variant.body.split('\n').find((line) => line.endsWith('.m4s')) as string;
    const bytes = await media(`720p/${segment}`, video.hlsUrl);
    expect(bytes.statusCode).toBe(200);
    expect(bytes.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(bytes.rawPayload.length).toBeGreaterThan(0);

    // A second encoder on the same key is turned away; the first goes on.
    const second = publish(key, 3);
    expect(await exitCode(second)).not.toBe(0);
    expect(await videosOf(owner)).toBe(1);

    publisher.kill('SIGINT');
    await exitCode(publisher);
    await eventually(
      async () => (await videoAnswer(id)).live.state === 'ended',
      20 + RECONNECT_SECONDS,
      'the stream ends',
    );
    expect((await videoAnswer(id)).live.endedAt).toEqual(expect.any(String));
    expect(await liveVideoOf(owner)).toBeNull();
    for (const rendition of ['360p', '720p', 'audio']) {
      const ended = await media(`${rendition}/playlist.m3u8`, video.hlsUrl);
      expect(ended.body, rendition).toContain('#EXT-X-ENDLIST');
      expect(ended.headers['cache-control']).toBe('public, max-age=60');
    }
  });

  it('continues the same video when the encoder publishes again within the grace, then ends it as a video', async () => {
    const owner = await register(test.app);
    const name = `Aurora${randomBytes(4).toString('hex')}`;
    const { key } = await makeStreamKey(test.app, owner);
    const first = publish(key, 60);
    await eventually(async () => (await liveVideoOf(owner)) !== null, 20, 'the key is live');
    const id = (await liveVideoOf(owner)) as string;
    // The owner titles the live video as any other, while it is live; the title stays with the video.
    const details = { title: `${name} launch`, description: 'Watch the launch' };
    await editVideo(test.app, owner, id, details);
    await eventually(async () => (await videoAnswer(id)).playable, 20, 'the live video plays');
    const { hlsUrl } = await videoAnswer(id);
    const variant = async () => (await media('360p/playlist.m3u8', hlsUrl)).body;
    await eventually(async () => runStarts(await variant()).length === 1, 10, 'a segment is out');

    // The encoder drops without a word and is back a moment later: the same video goes on.
    first.kill('SIGKILL');
    await exitCode(first);
    const second = publish(key, 60);
    await eventually(
      async () =>
        (await variant()).includes('#EXT-X-DISCONTINUITY') && runStarts(await variant()).length === 2,
      20,
      'the second run is published after a discontinuity',
    );
    expect(await liveVideoOf(owner)).toBe(id);
    expect((await videoAnswer(id)).live.state).toBe('live');
    expect(await videosOf(owner)).toBe(1);

    second.kill('SIGINT');
    await exitCode(second);
    await eventually(async () => (await videoAnswer(id)).state === 'ready', 60, 'the recording is a video');
    const video = await videoAnswer(id);
    expect(video).toMatchObject(details);
    expect(video.live.state).toBe('ended');
    expect(video.durationSeconds).toBeGreaterThan(1);
    expect(video.posterUrl).toEqual(expect.any(String));
    expect((await media('poster.jpg', hlsUrl)).headers['content-type']).toBe('image/jpeg');
    expect((await media('storyboard.vtt', hlsUrl)).body).toContain('storyboard-001.jpg#xywh=');

    // Final playlists: VOD, ended, both runs in each rendition, every run's segments decodable.
    const master = await media('master.m3u8', hlsUrl);
    expect(master.headers['cache-control']).toBe('public, max-age=60');
    for (const rendition of ['360p', '720p']) {
      const playlist = (await media(`${rendition}/playlist.m3u8`, hlsUrl)).body;
      expect(playlist).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
      expect(playlist.trimEnd().endsWith('#EXT-X-ENDLIST')).toBe(true);
      const segments = playlist.split('\n').filter((line) => line.endsWith('.m4s'));
      expect(new Set(segments).size).toBe(segments.length);
      const starts = runStarts(playlist);
      expect(starts.map((start) => start.init)).toHaveLength(2);
      expect(new Set(starts.map((start) => start.init)).size).toBe(2);
      for (const start of starts)
        expect(await decodedFrames(hlsUrl, rendition, start.init, start.segment), rendition).toBeGreaterThan(
          0,
        );
    }

    // Listed on its channel and found by search, like an uploaded video.
    const listed = await test.app.inject({ url: `/api/v1/channels/${owner.handle}/videos` });
    expect(listed.json().items.map((item: { id: string }) => item.id)).toContain(id);
    await eventually(
      async () => {
        const found = await test.app.inject({ url: `/api/v1/search?q=${name}` });
        return found.json().items.some((item: { id: string }) => item.id === id);
      },
      10,
      'search finds the video',
    );
  }, 180_000);

  it('refuses a revoked key at its publish and makes no video', async () => {
    const owner = await register(test.app);
    const { id, key } = await makeStreamKey(test.app, owner);
    const revoked = await test.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/stream-keys/${id}`,
      headers: bearer(owner.token),
    });
    expect(revoked.statusCode).toBe(204);
    expect(await exitCode(publish(key, 3))).not.toBe(0);
    expect(await videosOf(owner)).toBe(0);
  });

  it('refuses a key nobody made and makes no video', async () => {
    const before = await liveVideos();
    expect(await exitCode(publish('not-a-key-anyone-has', 3))).not.toBe(0);
    expect(await liveVideos()).toBe(before);
  });
});
