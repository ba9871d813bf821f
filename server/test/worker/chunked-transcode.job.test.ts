// A long upload goes through chunks: its job splits it, each chunk and the audio are jobs of their own
// that any worker takes, and the result is one seamless ladder with the storyboard and poster the chunks
// made. No part reads the whole source after the split. Deleting it meanwhile cancels the parts still
// waiting; a video split before the chunks made the stills still finishes through its `extras` part.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Video } from '../../src/domain/video.js';
import { piecesPrefix, rawKey } from '../../src/domain/video-files.js';
import { posterTime } from '../../src/media/poster.js';
import { buildStoryboardVtt, DEFAULT_STORYBOARD, planStoryboard } from '../../src/media/storyboard.js';
import { readVariantPlaylist } from '../../src/media/variant-playlist.js';
import { bearer, register } from '../support/accounts.js';
import { eventually } from '../support/eventually.js';
import { grayPixels, meanGrayDifference } from '../support/gray-pixels.js';
import { makeClip } from '../support/media-clips.js';
import { startTestPlatform, startTestWorker, type TestPlatform } from '../support/test-platform.js';

const run = promisify(execFile);
const CHUNKING = { CHUNKED_TRANSCODE_MIN_SECONDS: '10', TRANSCODE_CHUNK_SECONDS: '8' };
const SECONDS = 30;

let working: TestPlatform;
let idle: TestPlatform;
let dir: string;
let clip: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-chunked-job-'));
  clip = await readFile(await makeClip(dir, 'long.mp4', { width: 640, height: 360, seconds: SECONDS }));
  working = await startTestPlatform(CHUNKING);
  await startTestWorker(working.platform, 2);
  // Without a worker: its jobs stay where the test puts them.
  idle = await startTestPlatform(CHUNKING);
}, 60_000);
afterAll(async () => {
  await working.close();
  await idle.close();
  await rm(dir, { recursive: true, force: true });
});

/** A long upload, queued with its job as the upload API leaves it. */
async function queueLongUpload(test: TestPlatform, owner: { id: string; token: string }): Promise<string> {
  const me = (await test.app.inject({ url: '/api/v1/me', headers: bearer(owner.token) })).json();
  const { videos, videoStates } = test.platform.repositories;
  const id = randomBytes(8).toString('base64url');
  await videos.insert({
    id,
    ownerId: owner.id,
    channelId: me.channel.id,
    fileName: 'long.mp4',
    size: clip.length,
    contentType: 'video/mp4',
    uploadId: 'upload',
    partSize: 8 * 1024 * 1024,
    uploadExpiresAt: new Date(Date.now() + 3_600_000),
  });
  await test.platform.storage.putObject('raw', rawKey(id), clip, { contentType: 'video/mp4' });
  await videoStates.queue(id, { title: 'Long', description: '', visibility: 'public' }, (trx) =>
    test.platform.queue.send('transcode-video', { videoId: id }, trx, owner.id),
  );
  return id;
}

async function settled(test: TestPlatform, id: string): Promise<Video> {
  for (let waited = 0; waited < 240_000; waited += 250) {
    const video = await test.platform.repositories.videos.findById(id);
    if (video && (video.state === 'ready' || video.state === 'failed')) return video;
    await sleep(250);
  }
  throw new Error(`video ${id} did not settle within 240 s`);
}

/** The clip's frame at a time, as the poster is sized (the clip's own size). */
async function frameAt(seconds: number): Promise<Buffer> {
  const file = path.join(dir, `frame-${seconds}.jpg`);
  const clipFile = path.join(dir, 'long.mp4');
  await run('ffmpeg', ['-v', 'error', '-y', '-ss', String(seconds), '-i', clipFile, '-frames:v', '1', file]);
  return grayPixels(await readFile(file));
}

async function stored(test: TestPlatform, key: string): Promise<Buffer | undefined> {
  const object = await test.platform.storage.getObject('processed', key);
  if (!object) return undefined;
  const parts: Buffer[] = [];
  for await (const part of object.body) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

/** The video's transcode jobs with a part, in the order workers take them. */
async function partJobs(test: TestPlatform, id: string): Promise<{ part: string; state: string }[]> {
  const { rows } = await sql<{ part: string; state: string }>`
    SELECT data->'part'->>'kind' || coalesce(data->'part'->>'index', '') AS part, state::text AS state
    FROM pgboss.job WHERE name = 'transcode-video' AND data->>'videoId' = ${id} AND data ? 'part'
    ORDER BY priority DESC, created_on`.execute(test.platform.database.db);
  return rows;
}

describe('a long upload', () => {
  it('is encoded in chunks by separate jobs and published as one seamless ladder', async () => {
    const owner = await register(working.app);
    // What every part fetches from storage: only the split reads the source.
    const { storage } = working.platform;
    const fetched: string[] = [];
    const getObject = storage.getObject.bind(storage);
    storage.getObject = (area, key, range) => {
      fetched.push(`${area}/${key}`);
      return getObject(area, key, range);
    };
    const id = await queueLongUpload(working, owner);
    const video = await settled(working, id).finally(() => {
      storage.getObject = getObject;
    });
    expect(video).toMatchObject({ state: 'ready', error: null, width: 640, height: 360 });
    expect(fetched.filter((key) => key === `raw/${rawKey(id)}`)).toHaveLength(1);

    // The part that made it ready records its outcome, and the pieces go, just after the ready mark.
    const allCompleted = async () => (await partJobs(working, id)).every((job) => job.state === 'completed');
    await eventually(allCompleted, 30, 'every part job completed');
    const parts = await partJobs(working, id);
    // The first chunk is encoded by the job that split the source; every other part is a job of its own.
    // No part decodes the whole source for the poster and storyboard: the chunks made them.
    expect(parts.map((job) => job.part).sort()).toEqual(['audio', 'chunk1', 'chunk2', 'chunk3']);
    expect(parts.every((job) => job.state === 'completed')).toBe(true);

    const master = (await stored(working, `videos/${id}/master.m3u8`))?.toString() ?? '';
    expect(master).toContain('360p/playlist.m3u8');
    expect(await stored(working, `videos/${id}/audio/playlist.m3u8`)).toBeDefined();
    // The storyboard as one pass plans it: 15 thumbnails of 2 s on one sheet of 10 × 10 tiles.
    const vtt = (await stored(working, `videos/${id}/storyboard.vtt`))?.toString();
    expect(vtt).toBe(
      buildStoryboardVtt(planStoryboard(SECONDS, { width: 640, height: 360 }, DEFAULT_STORYBOARD), SECONDS),
    );
    const sheet = await stored(working, `videos/${id}/storyboard-001.jpg`);
    expect(await sharp(sheet).metadata()).toMatchObject({ width: 1600, height: 900 });
    expect(await stored(working, `videos/${id}/storyboard-002.jpg`)).toBeUndefined();
    // The poster is the frame at the poster's time, nearer it than to the frames 2 s either side.
    const poster = await grayPixels((await stored(working, `videos/${id}/poster.jpg`)) as Buffer);
    const at = posterTime(SECONDS);
    const near = await Promise.all(
      [at - 2, at, at + 2].map(async (seconds) => meanGrayDifference(poster, await frameAt(seconds))),
    );
    expect(near[1]).toBeLessThan(6);
    expect(near[1]).toBeLessThan(Math.min(near[0] as number, near[2] as number));

    // The stitched 360p rung, as a player fetches it: every frame of the source, in order, once.
    const playlist = readVariantPlaylist(
      (await stored(working, `videos/${id}/360p/playlist.m3u8`))?.toString() ?? '',
    );
    // Four opening segments of 1 s, then segments of 4 s.
    expect(playlist.segments).toHaveLength(4 + Math.ceil((SECONDS - 4) / 4));
    const files = [playlist.initUri, ...playlist.segments.map((segment) => segment.uri)];
    const bytes = await Promise.all(files.map((file) => stored(working, `videos/${id}/360p/${file}`)));
    expect(bytes.every((part) => part !== undefined)).toBe(true);
    const joined = path.join(dir, `${id}.mp4`);
    await writeFile(joined, Buffer.concat(bytes as Buffer[]));
    const { stdout } = await run('ffprobe', [
      ...['-v', 'error', '-select_streams', 'v:0', '-count_frames', '-show_entries', 'stream=nb_read_frames'],
      ...['-of', 'csv=p=0', joined],
    ]);
    expect(Number(stdout.trim())).toBe(SECONDS * 30);

    // Nothing is left over: the pieces and the record of the chunks are gone.
    const piecesGone = async () =>
      (await working.platform.storage.getObject('raw', `${piecesPrefix(id)}chunk-1.mkv`)) === undefined;
    await eventually(piecesGone, 30, 'the pieces deleted');
  }, 300_000);

  it('is split into parts, its first chunk encoded at once, playable through a retried split, its parts retried alone and in fair turns, and its waiting parts cancelled when it is deleted', async () => {
    const owner = await register(idle.app);
    const id = await queueLongUpload(idle, owner);
    const processing = idle.platform.services.processing;
    if (!processing) throw new Error('the test platform transcodes');
    await processing.process(id, { isLast: false });
    const parts = await partJobs(idle, id);
    expect(parts.map((job) => job.part)).toEqual(['audio', 'chunk1', 'chunk2', 'chunk3']);
    expect(parts.every((job) => job.state === 'created')).toBe(true);
    // The first chunk is out already, in every rung, growing until the other chunks join it.
    const first = (await stored(idle, `videos/${id}/360p/playlist.m3u8`))?.toString() ?? '';
    expect(first).toContain('#EXT-X-PLAYLIST-TYPE:EVENT');
    // The first chunk's 8 s: the opening's four segments of 1 s and one of 4 s.
    expect(readVariantPlaylist(first).segments.map((segment) => segment.uri)).toEqual(
      [0, 1, 2, 3, 4].map((n) => `segment-0000${n}.m4s`),
    );
    expect(await idle.platform.repositories.videos.findById(id)).toMatchObject({
      state: 'processing',
      playable: false,
    });
    // With the audio out too, the master goes up: the video plays while its other chunks wait.
    await processing.processPart(id, { kind: 'audio' }, { isLast: false });
    expect(await stored(idle, `videos/${id}/master.m3u8`)).toBeDefined();
    expect(await idle.platform.repositories.videos.findById(id)).toMatchObject({
      state: 'processing',
      playable: true,
    });
    // The splitting job again (its worker was lost after the fan-out): the video stays playable, since
    // what its parts published stays up and their stitches marked it playable once already.
    const playableDuringRetry = new Set<boolean | undefined>();
    let retrying = true;
    const watching = (async () => {
      while (retrying) {
        playableDuringRetry.add((await idle.platform.repositories.videos.findById(id))?.playable);
        await sleep(20);
      }
    })();
    await processing.process(id, { isLast: false }).finally(() => {
      retrying = false;
    });
    await watching;
    expect([...playableDuringRetry]).toEqual([true]);

    // Another account's upload, queued after all of them, is taken before this video's chunks.
    const other = await register(idle.app);
    const otherId = await queueLongUpload(idle, other);
    const { rows: line } = await sql<{ videoId: string; part: string | null }>`
      SELECT data->>'videoId' AS "videoId", data->'part'->>'kind' AS part FROM pgboss.job
      WHERE name = 'transcode-video' AND state = 'created' AND data->>'videoId' IN (${id}, ${otherId})
      ORDER BY priority DESC, created_on`.execute(idle.platform.database.db);
    expect(line.findIndex((job) => job.videoId === otherId)).toBeLessThan(
      line.findIndex((job) => job.part === 'chunk'),
    );

    // A part is retried alone; a retry of a part already recorded only stitches: it does not need its
    // piece again, let alone encode it.
    await processing.processPart(id, { kind: 'chunk', index: 1 }, { isLast: false });
    await idle.platform.storage.deleteObject('raw', `${piecesPrefix(id)}chunk-1.mkv`);
    await processing.processPart(id, { kind: 'chunk', index: 1 }, { isLast: false });
    expect(await idle.platform.repositories.videos.findById(id)).toMatchObject({ state: 'processing' });
    const stitched = (await stored(idle, `videos/${id}/360p/playlist.m3u8`))?.toString() ?? '';
    // The first chunk's five segments and the second's two.
    expect(readVariantPlaylist(stitched).segments).toHaveLength(7);

    expect(await idle.platform.storage.getObject('raw', `${piecesPrefix(id)}chunk-3.mkv`)).toBeDefined();
    const deleted = await idle.app.inject({
      method: 'DELETE',
      url: `/api/v1/videos/${id}`,
      headers: bearer(owner.token),
    });
    expect(deleted.statusCode).toBe(204);
    expect((await partJobs(idle, id)).map((job) => job.state)).toEqual(Array(4).fill('cancelled'));
    await idle.platform.services.videos.removeFiles({ videoId: id, uploadId: null });
    expect(await idle.platform.storage.getObject('raw', `${piecesPrefix(id)}chunk-3.mkv`)).toBeUndefined();
  }, 120_000);

  it('split before the chunks made the stills (no stills in its plan, an extras part queued) still becomes ready', async () => {
    const owner = await register(idle.app);
    const id = await queueLongUpload(idle, owner);
    const processing = idle.platform.services.processing;
    if (!processing) throw new Error('the test platform transcodes');
    await processing.process(id, { isLast: false });
    // The plan as an earlier release recorded it.
    const { db } = idle.platform.database;
    await sql`UPDATE chunked_transcodes SET plan = plan - 'stills' WHERE video_id = ${id}`.execute(db);
    for (const index of [1, 2, 3])
      await processing.processPart(id, { kind: 'chunk', index }, { isLast: false });
    await processing.processPart(id, { kind: 'audio' }, { isLast: false });
    // Every chunk and the audio are done, but no chunk assembled stills the plan does not ask for.
    expect(await idle.platform.repositories.videos.findById(id)).toMatchObject({ state: 'processing' });
    expect(await stored(idle, `videos/${id}/storyboard.vtt`)).toBeUndefined();
    await processing.processPart(id, { kind: 'extras' }, { isLast: false });
    expect(await idle.platform.repositories.videos.findById(id)).toMatchObject({ state: 'ready' });
    for (const file of ['poster.jpg', 'storyboard.vtt', 'storyboard-001.jpg'])
      expect(await stored(idle, `videos/${id}/${file}`), file).toBeDefined();
  }, 120_000);
});
