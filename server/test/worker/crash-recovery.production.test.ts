// A worker killed with SIGKILL mid-transcode: once its lease runs out (the job's own expiry is an hour),
// another worker process takes it over and publishes a complete ladder, once. A worker stopped with
// SIGTERM hands its job back at once instead.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VideoRepository } from '../../src/adapters/db/video.repository.js';
import type { Video } from '../../src/domain/video.js';
import { processedPrefix } from '../../src/domain/video-files.js';
import { register } from '../support/accounts.js';
import { makeClip } from '../support/media-clips.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { uploadFile } from '../support/uploads.js';
import { killGroup, WorkerProcesses } from '../support/worker-processes.js';

const QUEUE = {
  TRANSCODE_JOB_EXPIRY_SECONDS: '3600',
  TRANSCODE_LEASE_SECONDS: '4',
  TRANSCODE_RETRY_DELAY_SECONDS: '1',
  QUEUE_MAINTENANCE_SECONDS: '1',
};

let test: TestPlatform;
let videos: VideoRepository;
const workers = new WorkerProcesses(() => test, QUEUE);

beforeAll(async () => {
  test = await startTestPlatform(QUEUE);
  videos = test.platform.repositories.videos;
});
afterAll(async () => {
  workers.killAll();
  await test.close();
});

/** The worker processes that announced themselves (the killed ones' rows stay until forgotten). */
async function fleetSize(): Promise<number> {
  return (await test.platform.database.db.selectFrom('transcode_workers').select('id').execute()).length;
}

/** The transcode jobs of a video, as the queue holds them, oldest first. */
async function transcodeJob(videoId: string) {
  const { rows } = await sql<{ state: string; retry_count: number }>`
    select state, retry_count from pgboss.job
    where name = 'transcode-video' and data->>'videoId' = ${videoId}
    order by created_on`.execute(test.platform.database.db);
  return rows;
}

async function waitFor(id: string, done: (video: Video) => boolean, seconds: number): Promise<Video> {
  for (let waited = 0; waited < seconds * 1000; waited += 200) {
    const video = await videos.findById(id);
    if (video && done(video)) return video;
    await sleep(200);
  }
  throw new Error(
    `video ${id} did not get there within ${seconds} s: ${JSON.stringify(await videos.findById(id))}`,
  );
}

describe('a worker killed mid-transcode', () => {
  it('leaves its job, once its lease runs out, to another worker, which finishes the video completely', async () => {
    const owner = await register(test.app);
    const clip = await makeClip(os.tmpdir(), `crash-${process.pid}.mp4`, {
      width: 1280,
      height: 720,
      seconds: 12,
    });
    const { video } = await uploadFile(test.app, owner.token, await readFile(clip));

    const first = workers.start();
    const interrupted = await waitFor(video.id, (v) => v.state === 'processing' && v.progress > 0, 60);
    expect(interrupted.progress).toBeLessThan(100);
    killGroup(first);

    const second = workers.start();
    const finished = await waitFor(video.id, (v) => v.state === 'ready' || v.state === 'failed', 120);
    expect(finished).toMatchObject({ state: 'ready', progress: 100, error: null, width: 1280, height: 720 });
    // The job's log line follows the state change: give it a moment to arrive.
    const jobDone = /"job":"transcode-video".*"msg":"job done"/;
    for (let waited = 0; waited < 10_000 && !jobDone.test(second.output()); waited += 100) await sleep(100);
    expect(second.output()).toMatch(jobDone);
    // Taken over through the lease, well before the job's hour-long expiry: the lost attempt was ended.
    expect(await transcodeJob(video.id)).toEqual([
      { state: 'cancelled', retry_count: 0 },
      { state: 'completed', retry_count: 0 },
    ]);

    const prefix = processedPrefix(video.id);
    const rungs = finished.renditions?.map((rendition) => rendition.name) ?? [];
    expect(rungs).toEqual(['240p', '360p', '480p', '720p']);
    for (const rung of [...rungs, 'audio']) {
      const playlist = await test.platform.storage.getObject('processed', `${prefix}${rung}/playlist.m3u8`);
      const text = Buffer.concat((await playlist?.body.toArray()) ?? []).toString();
      // Complete and not duplicated: consecutive, unique segments that add up to the whole video.
      const segments = text.match(/^segment-\d{5}\.m4s$/gm) ?? [];
      expect(segments, rung).toEqual(
        segments.map((_, index) => `segment-${String(index).padStart(5, '0')}.m4s`),
      );
      expect(segments.length, rung).toBeGreaterThanOrEqual(3);
      const seconds = [...text.matchAll(/^#EXTINF:([\d.]+),/gm)].reduce(
        (sum, match) => sum + Number(match[1]),
        0,
      );
      expect(Math.abs(seconds - (finished.durationSeconds ?? 0)), rung).toBeLessThan(0.25);
      for (const segment of segments) {
        expect(
          await test.platform.storage.headObject('processed', `${prefix}${rung}/${segment}`),
          `${rung}/${segment}`,
        ).toBeDefined();
      }
    }
    expect(await test.platform.storage.headObject('processed', `${prefix}master.m3u8`)).toBeDefined();
  }, 180_000);

  it('stopped with SIGTERM, hands its job back at once for another worker to finish', async () => {
    // Only the worker this test starts may take its video.
    workers.killAll();
    const owner = await register(test.app);
    const clip = await makeClip(os.tmpdir(), `stopped-${process.pid}.mp4`, {
      width: 1280,
      height: 720,
      seconds: 12,
    });
    const { video } = await uploadFile(test.app, owner.token, await readFile(clip));

    const fleetBefore = await fleetSize();
    const first = workers.start({ WORKER_SHUTDOWN_GRACE_SECONDS: '1' });
    await waitFor(video.id, (v) => v.state === 'processing' && v.progress > 0, 60);
    // Counted in the transcode fleet while it runs; out of it as soon as it stops.
    expect(await fleetSize()).toBe(fleetBefore + 1);
    const exited = new Promise((resolve) => first.once('exit', resolve));
    first.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await fleetSize()).toBe(fleetBefore);
    // Handed back, not failed or expired: waiting to be taken, its attempt not counted.
    expect(await transcodeJob(video.id)).toEqual([{ state: 'created', retry_count: 0 }]);
    expect(first.output()).not.toMatch(/"msg":"job failed"/);

    workers.start();
    const finished = await waitFor(video.id, (v) => v.state === 'ready' || v.state === 'failed', 120);
    expect(finished).toMatchObject({ state: 'ready', progress: 100, error: null });
  }, 180_000);
});
