// PostgreSQL going away while a worker transcodes: restarted and crashed for real (a server of the test's
// own), and cut or partitioned through a relay, each for longer than a lease. The video ends `ready`,
// transcoded once (the attempt keeps its job and its work through the outage), and at no moment is it
// waiting or processing without a job that will finish it.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Video } from '../../src/domain/video.js';
import { processedPrefix } from '../../src/domain/video-files.js';
import { register } from '../support/accounts.js';
import { makeClip } from '../support/media-clips.js';
import { type PostgresCluster, startPostgresCluster } from '../support/postgres-cluster.js';
import {
  type S3TestServer,
  s3Environment,
  s3StorageOf,
  signBucketPathsWithoutSlash,
  startS3Server,
} from '../support/s3-server.js';
import { startRelay, type TcpRelay } from '../support/tcp-relay.js';
import { testDatabaseUrl } from '../support/test-adapters.js';
import {
  startTestPlatform,
  startTestWorker,
  type TestPlatform,
  type TestPlatformOptions,
} from '../support/test-platform.js';
import { uploadFile } from '../support/uploads.js';

const LEASE_SECONDS = 3;
/** Longer than a lease: the worker's lease runs out while it cannot renew it. */
const AWAY_MS = (LEASE_SECONDS + 2) * 1000;
const ENV = {
  DATABASE_CONNECT_TIMEOUT_SECONDS: '2',
  DATABASE_QUERY_TIMEOUT_SECONDS: '2',
  TRANSCODE_LEASE_SECONDS: String(LEASE_SECONDS),
  TRANSCODE_RETRY_DELAY_SECONDS: '1',
  QUEUE_MAINTENANCE_SECONDS: '1',
};

let s3: S3TestServer;
let clip: Buffer;
beforeAll(async () => {
  s3 = await startS3Server();
  const name = `pg-outage-${randomBytes(4).toString('hex')}.mp4`;
  clip = await readFile(await makeClip(os.tmpdir(), name, { width: 1280, height: 720, seconds: 6 }));
});
afterAll(() => s3?.close());

/** A platform with a worker in this process, its database reached as `options` say. */
async function startWithWorker(options: TestPlatformOptions): Promise<TestPlatform> {
  const test = await startTestPlatform({ ...s3Environment(s3), ...ENV }, options);
  signBucketPathsWithoutSlash(s3StorageOf(test.platform).client);
  await startTestWorker(test.platform);
  return test;
}

/** Reads through the database, waiting while it is away. */
async function whenReachable<T>(read: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await read();
    } catch {
      await sleep(200);
    }
  }
}

async function waitForVideo(
  test: TestPlatform,
  id: string,
  done: (video: Video) => boolean,
  seconds: number,
) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const video = await whenReachable(() => test.platform.repositories.videos.findById(id));
    if (video && done(video)) return video;
    if (Date.now() > deadline)
      throw new Error(`video ${id} not there in ${seconds} s: ${JSON.stringify(video)}`);
    await sleep(200);
  }
}

/**
 * Watches a video until stopped: every moment (the database answering) it waits or is processed without
 * a job to do it, queued, retrying or running, is recorded. Read in one statement, so it is one snapshot.
 */
function watchForOrphan(test: TestPlatform, id: string) {
  const seen: string[] = [];
  let watching = true;
  const watched = (async () => {
    while (watching) {
      const { rows } = await sql<{ state: string; jobs: number }>`
        select v.state, (select count(*)::int from pgboss.job j where j.name = 'transcode-video'
          and j.data->>'videoId' = v.id and j.state in ('created', 'retry', 'active')) as jobs
        from videos v where v.id = ${id}`
        .execute(test.platform.database.db)
        .catch(() => ({ rows: [] }));
      const [row] = rows;
      if (row && ['queued', 'processing'].includes(row.state) && row.jobs === 0) seen.push(row.state);
      await sleep(100);
    }
  })();
  return async () => {
    watching = false;
    await watched;
    return seen;
  };
}

/** Uploads the clip, lets the fault happen mid-transcode, and checks how the video ends. */
async function transcodeThrough(test: TestPlatform, fault: (videoId: string) => Promise<void>) {
  const owner = await register(test.app);
  const { video } = await uploadFile(test.app, owner.token, clip);
  const orphaned = watchForOrphan(test, video.id);
  const interrupted = await waitForVideo(
    test,
    video.id,
    (v) => v.state === 'processing' && v.progress > 0,
    60,
  );
  expect(interrupted.progress).toBeLessThan(100);
  await fault(video.id);
  const finished = await waitForVideo(test, video.id, (v) => v.state === 'ready' || v.state === 'failed', 90);
  expect(finished).toMatchObject({ state: 'ready', progress: 100, error: null, width: 1280, height: 720 });
  expect(await orphaned()).toEqual([]);
  // Transcoded once: the attempt that met the outage kept its job, and its work, through it. The job is
  // completed by a write of its own after the video's ready mark (after a failover, once the pool has
  // replaced the connection that went silent): its final state is read once it has one.
  expect(await finalJobs(test, video.id)).toEqual([{ state: 'completed', retry_count: 0 }]);
}

/** The video's transcode jobs once none is waiting or running any more (or after 30 s, as they are). */
async function finalJobs(test: TestPlatform, videoId: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { rows } = await whenReachable(() =>
      sql<{ state: string; retry_count: number }>`
        select state, retry_count from pgboss.job
        where name = 'transcode-video' and data->>'videoId' = ${videoId}`.execute(test.platform.database.db),
    );
    const settled = rows.every((row) => !['created', 'retry', 'active'].includes(row.state));
    if (settled || Date.now() > deadline) return rows;
    await sleep(200);
  }
}

/** Until the video's ladder is published in full (its master playlist goes last). */
async function untilPublished(test: TestPlatform, videoId: string): Promise<void> {
  const master = `${processedPrefix(videoId)}master.m3u8`;
  while (!(await test.platform.storage.headObject('processed', master))) await sleep(100);
}

describe('PostgreSQL restarted or crashed for real during a transcode', () => {
  let cluster: PostgresCluster;
  let test: TestPlatform;
  beforeAll(async () => {
    cluster = await startPostgresCluster();
    test = await startWithWorker({ databaseUrl: cluster.url });
  }, 120_000);
  afterAll(async () => {
    await cluster?.start();
    await test?.close();
    await cluster?.remove();
  });

  it('restarted (fast shutdown): the video ends ready', async () => {
    await transcodeThrough(test, () => cluster.restart('fast'));
  }, 120_000);

  it('crashed, and away past a lease and past the end of the encode: the video ends ready', async () => {
    await transcodeThrough(test, async (videoId) => {
      await cluster.stop('immediate');
      await Promise.all([sleep(AWAY_MS), untilPublished(test, videoId)]);
      await cluster.start();
    });
  }, 120_000);
});

describe('PostgreSQL cut off by the network during a transcode', () => {
  let relay: TcpRelay;
  let test: TestPlatform;
  beforeAll(async () => {
    relay = await startRelay(new URL(testDatabaseUrl), 5432);
    test = await startWithWorker({ databasePort: relay.port });
  });
  afterAll(async () => {
    await relay?.restore();
    await test?.close();
  });

  it.each([
    ['connections refused', () => relay.cut()],
    ['a partition: nothing answers', () => relay.stall()],
  ])(
    '%s, longer than a lease: the video ends ready',
    async (_name, cutOff) => {
      await transcodeThrough(test, async () => {
        cutOff();
        await sleep(AWAY_MS);
        await relay.restore();
      });
    },
    120_000,
  );

  it('a failover (the partition ends with connections open during it silent for good): this video ends ready, and the next', async () => {
    await transcodeThrough(test, async () => {
      relay.stall();
      await sleep(AWAY_MS);
      relay.failOver();
    });
    // The worker still takes jobs: none of its pollers is left waiting on a connection that went silent.
    const owner = await register(test.app);
    const { video } = await uploadFile(test.app, owner.token, clip);
    const next = await waitForVideo(test, video.id, (v) => v.state === 'ready' || v.state === 'failed', 60);
    expect(next.state).toBe('ready');
  }, 180_000);
});
