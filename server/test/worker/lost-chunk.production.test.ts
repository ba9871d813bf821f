// A worker killed with SIGKILL in the middle of a chunk costs that chunk alone: once its lease runs out
// another worker encodes that chunk again, every other part keeps what it made (its job ran once), and
// the video ends ready with a whole ladder.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readVariantPlaylist } from '../../src/media/variant-playlist.js';
import { register } from '../support/accounts.js';
import { makeClip } from '../support/media-clips.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { uploadFile, waitUntilSettled } from '../support/uploads.js';
import { killGroup, WorkerProcesses } from '../support/worker-processes.js';

const SETTINGS = {
  CHUNKED_TRANSCODE_MIN_SECONDS: '10',
  TRANSCODE_CHUNK_SECONDS: '8',
  TRANSCODE_JOB_EXPIRY_SECONDS: '3600',
  TRANSCODE_LEASE_SECONDS: '4',
  TRANSCODE_RETRY_DELAY_SECONDS: '1',
  QUEUE_MAINTENANCE_SECONDS: '1',
};
const SECONDS = 32;

let test: TestPlatform;
let dir: string;
const workers = new WorkerProcesses(() => test, SETTINGS);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-lost-chunk-'));
  test = await startTestPlatform(SETTINGS);
});
afterAll(async () => {
  workers.killAll();
  await test.close();
  await rm(dir, { recursive: true, force: true });
});

interface PartJob {
  /** `split` for the job that splits the source (and encodes chunk 0), else `audio`, `extras`, `chunkN`. */
  part: string;
  state: string;
  chunkRecorded: boolean;
}

/** The video's transcode jobs, oldest first, with whether each chunk's output is recorded yet. */
async function partJobs(videoId: string): Promise<PartJob[]> {
  const { rows } = await sql<PartJob>`
    SELECT coalesce(job.data->'part'->>'kind' || coalesce(job.data->'part'->>'index', ''), 'split') AS part,
      job.state::text AS state, coalesce(chunk.playlists IS NOT NULL, false) AS "chunkRecorded"
    FROM pgboss.job job
    LEFT JOIN transcode_chunks chunk
      ON chunk.video_id = ${videoId} AND chunk.chunk_index = (job.data->'part'->>'index')::int
    WHERE job.name = 'transcode-video' AND job.data->>'videoId' = ${videoId}
    ORDER BY job.created_on`.execute(test.platform.database.db);
  return rows;
}

const isLaterChunk = (job: PartJob) => /^chunk\d+$/.test(job.part);

/** A chunk job being encoded while another chunk after the first is already recorded. */
async function chunkMidEncode(videoId: string, seconds: number): Promise<PartJob> {
  for (let waited = 0; waited < seconds * 1000; waited += 100) {
    const jobs = await partJobs(videoId);
    const recorded = jobs.some((job) => isLaterChunk(job) && job.state === 'completed');
    const encoding = jobs.find((job) => isLaterChunk(job) && job.state === 'active' && !job.chunkRecorded);
    if (recorded && encoding) return encoding;
    await sleep(100);
  }
  throw new Error(
    `no chunk was being encoded within ${seconds} s: ${JSON.stringify(await partJobs(videoId))}`,
  );
}

it('encodes again only the chunk its worker was killed in, and the video ends ready', async () => {
  const owner = await register(test.app);
  const clip = await makeClip(dir, 'long.mp4', { width: 1280, height: 720, seconds: SECONDS });
  const { video } = await uploadFile(test.app, owner.token, await readFile(clip));

  const first = workers.start();
  const lost = await chunkMidEncode(video.id, 180);
  killGroup(first);
  const doneBeforeTheKill = (await partJobs(video.id)).filter((job) => job.state === 'completed');

  workers.start();
  const finished = await waitUntilSettled(test.app, owner.token, video.id, 240);
  expect(finished).toMatchObject({ state: 'ready', error: null });

  const jobs = await partJobs(video.id);
  // The lost chunk's job was ended once its lease ran out and run again by the second worker.
  expect(jobs.filter((job) => job.part === lost.part).map((job) => job.state)).toEqual([
    'cancelled',
    'completed',
  ]);
  // Every other part ran once: what the first worker finished (the split and chunk 0 among it) was kept.
  const others = jobs.filter((job) => job.part !== lost.part);
  expect(new Set(others.map((job) => job.part)).size).toBe(others.length);
  expect(others.every((job) => job.state === 'completed')).toBe(true);
  expect(doneBeforeTheKill.map((job) => job.part)).toEqual(
    expect.arrayContaining(['split', expect.stringMatching(/^chunk\d+$/)]),
  );

  // The stitched ladder is whole: every segment of the source's length, once and in order.
  const playlist = await test.platform.storage.getObject(
    'processed',
    `videos/${video.id}/360p/playlist.m3u8`,
  );
  const text = Buffer.concat((await playlist?.body.toArray()) ?? []).toString();
  const { segments } = readVariantPlaylist(text);
  expect(segments.map((segment) => segment.uri)).toEqual(
    segments.map((_, index) => `segment-${String(index).padStart(5, '0')}.m4s`),
  );
  const duration = segments.reduce((sum, segment) => sum + segment.durationSeconds, 0);
  expect(Math.abs(duration - SECONDS)).toBeLessThan(0.25);
}, 420_000);
