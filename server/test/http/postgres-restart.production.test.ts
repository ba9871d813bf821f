// PostgreSQL restarted and crashed for real (a server of the test's own, stopped with pg_ctl), under the
// production adapters: reads answer a prompt 503 while it is away and 200 within 5 s of its return; an
// upload completed meanwhile is refused cleanly and, retried, queued exactly once with its job; views
// counted across restarts and crashes, flushes cut short included, are counted exactly once.
import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bearer, register } from '../support/accounts.js';
import {
  answerWithin,
  databaseReads,
  expectDatabaseUnavailable,
  expectReadsRecoveredWithin,
  expectReadsUnavailable,
} from '../support/database-outage.js';
import { type PostgresCluster, type StopMode, startPostgresCluster } from '../support/postgres-cluster.js';
import { publishStandInVideo } from '../support/published-videos.js';
import {
  type S3TestServer,
  s3Environment,
  s3StorageOf,
  signBucketPathsWithoutSlash,
  startS3Server,
} from '../support/s3-server.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { type Plan, partsOf, putPart, startUpload } from '../support/uploads.js';
import { newViewer, reportViewing } from '../support/viewers.js';

let cluster: PostgresCluster;
let s3: S3TestServer;
let test: TestPlatform;
let owner: Awaited<ReturnType<typeof register>>;
let reads: string[];

beforeAll(async () => {
  [cluster, s3] = await Promise.all([startPostgresCluster(), startS3Server()]);
  test = await startTestPlatform(
    {
      ...s3Environment(s3),
      DATABASE_CONNECT_TIMEOUT_SECONDS: '2',
      DATABASE_QUERY_TIMEOUT_SECONDS: '2',
      // Flushed by the tests themselves, at the moments they choose.
      VIEW_FLUSH_INTERVAL_SECONDS: '3600',
    },
    { databaseUrl: cluster.url },
  );
  signBucketPathsWithoutSlash(s3StorageOf(test.platform).client);
  owner = await register(test.app);
  await Promise.all(Array.from({ length: 3 }, () => publishStandInVideo(test.platform, owner, 'public')));
  reads = databaseReads(owner.handle);
}, 120_000);
// A failed test must not leave the next one without its database.
afterEach(() => cluster.start());
afterAll(async () => {
  await test?.close();
  await Promise.all([s3?.close(), cluster?.remove()]);
});

/** Reads sent one after another, four at a time, for as long as `fault` runs: the answers got meanwhile. */
async function readsDuring(fault: Promise<void>): Promise<LightMyRequestResponse[]> {
  let done = false;
  const finished = fault.finally(() => {
    done = true;
  });
  const answers: LightMyRequestResponse[] = [];
  const reader = async (url: string) => {
    while (!done) answers.push(await answerWithin(test.app, 8_000, url));
  };
  await Promise.all([finished, ...reads.map(reader)]);
  return answers;
}

const MODES: [string, StopMode][] = [
  ['restarted (fast shutdown)', 'fast'],
  ['crashed (immediate shutdown)', 'immediate'],
];

describe.each(MODES)('PostgreSQL %s', (_name, mode) => {
  it('answers reads during and after, 503 while away, and serves them all within 5 s of its return', async () => {
    await expectReadsRecoveredWithin(test.app, reads, 5_000);
    // Across the restart itself: every read is answered within seconds, served or cleanly refused.
    const during = await readsDuring(cluster.restart(mode));
    expect(during.length).toBeGreaterThan(0);
    for (const answer of during) {
      if (answer.statusCode !== 200) expectDatabaseUnavailable(answer, answer.raw.req.url ?? '');
    }
    await expectReadsRecoveredWithin(test.app, reads, 5_000);

    // Away for a while: a burst is refused at once, then served within 5 s of the server's return.
    await cluster.stop(mode);
    await expectReadsUnavailable(test.app, reads);
    await cluster.start();
    await expectReadsRecoveredWithin(test.app, reads, 5_000);
  });

  it('refuses a completion while away, and queues the video exactly once, with its job, when retried', async () => {
    const { plan, parts } = await uploadParts();
    await cluster.stop(mode);
    expectDatabaseUnavailable(await complete(plan, parts), 'complete while away');
    await cluster.start();
    await expectQueuedOnceWhenRetried(plan, parts);
  });

  it('queues exactly once a video whose completion it cut between storage and the database', async () => {
    const { plan, parts } = await uploadParts();
    // The moment after storage has assembled the file and before the video is queued: the service
    // looks at the stored object then, and the server goes down before it answers.
    const storage = test.platform.storage;
    const headObject = storage.headObject.bind(storage);
    storage.headObject = async (...args) => {
      storage.headObject = headObject;
      await cluster.stop(mode);
      return headObject(...args);
    };
    expectDatabaseUnavailable(await complete(plan, parts), 'complete cut off');
    await cluster.start();
    await expectQueuedOnceWhenRetried(plan, parts);
  });

  it('counts every view exactly once, through flushes cut short by it', async () => {
    const video = await publishStandInVideo(test.platform, owner, 'public');
    let sent = 0;
    const view = async () => {
      const answer = await reportViewing(test, video, newViewer(), 30);
      expect(answer.statusCode, answer.body).toBe(200);
      expect(answer.json().counted).toBe(true);
      sent += 1;
    };
    for (let round = 0; round < 4; round += 1) {
      for (let viewer = 0; viewer < 5; viewer += 1) await view();
      // The flush meets the server going down at a different point in each round.
      const flushing = test.platform.services.views.flush().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, round * 5));
      await cluster.restart(mode);
      await flushing;
    }
    // Views counted while it is away wait for its return.
    await test.app.inject({ url: `/api/v1/videos/${video}` }); // the page is cached, as a player has it
    await cluster.stop(mode);
    for (let viewer = 0; viewer < 5; viewer += 1) await view();
    await expect(test.platform.services.views.flush()).rejects.toThrow();
    await cluster.start();
    await flushOnceBack();
    await flushOnceBack();
    const counted = await test.platform.repositories.videos.findById(video);
    expect(counted?.counts.views).toBe(sent);
  });
});

/** Starts an upload of a small file and sends its parts to storage. */
async function uploadParts() {
  const bytes = randomBytes(3_000);
  const plan = await startUpload(test.app, owner.token, bytes.length);
  const parts = [];
  for (const [index, part] of partsOf(bytes, plan).entries()) {
    const { status, etag } = await putPart(test.app, plan.parts[index]?.url ?? '', part);
    expect(status).toBe(200);
    parts.push({ partNumber: index + 1, etag });
  }
  return { plan, parts };
}

function complete(plan: Plan, parts: { partNumber: number; etag: string }[]) {
  return answerWithin(test.app, 8_000, {
    method: 'POST',
    url: `/api/v1/uploads/${plan.uploadId}/complete`,
    headers: bearer(owner.token),
    payload: { title: 'Through a restart', description: '', visibility: 'public', parts },
  });
}

/** Retries the completion as a client would until it is accepted; then the video has exactly one job. */
async function expectQueuedOnceWhenRetried(plan: Plan, parts: { partNumber: number; etag: string }[]) {
  const answer = await retryWithin(5_000, () => complete(plan, parts));
  expect(answer.statusCode, answer.body).toBe(200);
  expect(answer.json().state).toBe('queued');
  // A client that did not see the answer sends it again: nothing changes.
  const again = await complete(plan, parts);
  expect(again.statusCode, again.body).toBe(200);
  expect(again.json().state).toBe('queued');
  expect(await transcodeJobs(plan.videoId)).toEqual([{ state: 'created' }]);
}

/** Sends a request until it is not refused as an outage (503), for at most `ms`. */
async function retryWithin(ms: number, send: () => Promise<LightMyRequestResponse>) {
  const deadline = Date.now() + ms;
  for (;;) {
    const answer = await send();
    if (answer.statusCode !== 503 || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function flushOnceBack(): Promise<void> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    try {
      return await test.platform.services.views.flush();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function transcodeJobs(videoId: string) {
  const { rows } = await sql<{ state: string }>`
    select state from pgboss.job where name = 'transcode-video' and data->>'videoId' = ${videoId}`.execute(
    test.platform.database.db,
  );
  return rows;
}
