// Leased jobs: a running job's worker renews its lease; a job whose worker stopped renewing (lost) is
// handed to another worker with one attempt fewer, however long the job's own expiry; past its last
// attempt it is given up.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { JobQueue } from '../../../src/adapters/queue/job-queue.js';
import { LeaseLost } from '../../../src/adapters/queue/leased-jobs.js';
import { startTestPlatform, type TestPlatform } from '../../support/test-platform.js';

const LEASE_SECONDS = 3;

let test: TestPlatform;
const workers: JobQueue[] = [];
beforeAll(async () => {
  test = await startTestPlatform();
});
afterEach(async () => {
  for (const worker of workers.splice(0)) await worker.stop(0);
});
afterAll(() => test.close());

/** A worker of its own (the platform's queue takes no transcode jobs in this file), with a short lease. */
async function startLeasedWorker(): Promise<JobQueue> {
  const worker = await JobQueue.start(
    test.platform.database.queueDatabase,
    test.platform.database.db,
    pino({ level: 'silent' }),
    {
      // pg-boss's own expiry stays out of the way: only the lease can hand a job over here.
      maintenanceIntervalSeconds: 3600,
      pollingIntervalSeconds: 0.5,
      overrides: { 'transcode-video': { expireInSeconds: 3600 } },
      leaseSeconds: { 'transcode-video': LEASE_SECONDS },
    },
  );
  workers.push(worker);
  return worker;
}

interface JobRow {
  id: string;
  state: string;
  retry_limit: number;
  priority: number;
  singleton_key: string | null;
}

async function jobsFor(videoId: string): Promise<JobRow[]> {
  const { rows } = await sql<JobRow>`
    select id, state, retry_limit, priority, singleton_key from pgboss.job
    where name = 'transcode-video' and data->>'videoId' = ${videoId} order by created_on`.execute(
    test.platform.database.db,
  );
  return rows;
}

/**
 * A job taken by a worker that died at once: active, and no lease ever renewed. Its account (fair group)
 * has another job waiting before it.
 */
async function jobOfLostWorker(retryCount = 0): Promise<{ videoId: string; jobId: string }> {
  const videoId = `lost-${randomBytes(4).toString('hex')}`;
  const account = `account-of-${videoId}`;
  await test.platform.queue.send('transcode-video', { videoId: `before-${videoId}` }, undefined, account);
  const jobId = await test.platform.queue.send('transcode-video', { videoId }, undefined, account);
  await sql`update pgboss.job set state = 'active', started_on = now(), retry_count = ${retryCount}
    where id = ${jobId}`.execute(test.platform.database.db);
  return { videoId, jobId };
}

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let waited = 0; waited < 30_000; waited += 100) {
    if (await condition()) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting until ${what}`);
}

describe('a leased job', () => {
  it('whose worker was lost goes to another worker, with the lost attempt counted', async () => {
    const { videoId, jobId } = await jobOfLostWorker();
    const taken: string[] = [];
    const worker = await startLeasedWorker();
    await worker.work('transcode-video', 1, async (data) => void taken.push(data.videoId));

    await until(() => taken.includes(videoId), 'another worker took the job');
    await until(async () => (await jobsFor(videoId)).at(-1)?.state === 'completed', 'it completed');
    const [lost, replacement] = await jobsFor(videoId);
    expect(lost).toMatchObject({ id: jobId, state: 'cancelled', retry_limit: 3, priority: -1 });
    // Three retries at first; the lost attempt used one. Its account's turn is kept.
    expect(replacement).toMatchObject({
      state: 'completed',
      retry_limit: 2,
      priority: -1,
      singleton_key: `account-of-${videoId}`,
    });
  });

  it('is kept by a worker that renews its lease, however long it runs', async () => {
    const videoId = `long-${randomBytes(4).toString('hex')}`;
    const runs: string[] = [];
    const first = await startLeasedWorker();
    await first.work('transcode-video', 1, async (data) => {
      runs.push(`first:${data.videoId}`);
      await sleep(LEASE_SECONDS * 3 * 1000);
    });
    await test.platform.queue.send('transcode-video', { videoId });
    await until(() => runs.length === 1, 'the first worker took the job');
    // Only now: two workers polling for a new job would race for it, and either may win.
    const second = await startLeasedWorker();
    await second.work('transcode-video', 1, async (data) => void runs.push(`second:${data.videoId}`));

    await until(async () => (await jobsFor(videoId))[0]?.state === 'completed', 'the job completed');
    expect(runs).toEqual([`first:${videoId}`]);
    expect(await jobsFor(videoId)).toHaveLength(1);
  }, 60_000);

  it('is stopped in a worker that finds its lease lost, which then leaves the job alone', async () => {
    const videoId = `partitioned-${randomBytes(4).toString('hex')}`;
    let stoppedWith: unknown;
    const first = await startLeasedWorker();
    await first.work('transcode-video', 1, async (_data, { signal }) => {
      await new Promise((_, reject) =>
        signal.addEventListener('abort', () => {
          stoppedWith = signal.reason;
          reject(signal.reason);
        }),
      );
    });
    await test.platform.queue.send('transcode-video', { videoId });
    await until(async () => (await jobsFor(videoId))[0]?.state === 'active', 'the first worker took it');
    // As if its renewals had not reached the database in time and another worker's sweep ended its attempt.
    await sql`update pgboss.job set state = 'cancelled', completed_on = now()
      where data->>'videoId' = ${videoId}`.execute(test.platform.database.db);
    await until(() => stoppedWith !== undefined, 'the first worker stopped the job');
    expect(stoppedWith).toBeInstanceOf(LeaseLost);
    // Its late failure does not touch the job it lost.
    await sleep(500);
    expect(await jobsFor(videoId)).toMatchObject([{ state: 'cancelled' }]);
  });

  it('whose worker was lost on its last attempt is given up, and its owner told', async () => {
    const { videoId, jobId } = await jobOfLostWorker(3);
    const givenUp: string[] = [];
    const taken: string[] = [];
    const worker = await startLeasedWorker();
    await worker.work(
      'transcode-video',
      1,
      async (data) => void taken.push(data.videoId),
      async (data) => void givenUp.push(data.videoId),
    );

    await until(() => givenUp.includes(videoId), 'the job was given up');
    await until(async () => (await jobsFor(videoId))[0]?.state === 'cancelled', 'it was cancelled');
    expect(await jobsFor(videoId)).toMatchObject([{ id: jobId, state: 'cancelled', retry_limit: 3 }]);
    expect(taken).not.toContain(videoId);
  });
});
