// Leases across a database outage: every worker's lease runs out while PostgreSQL is away, live workers
// included. A worker whose sweep reaches the database again first must not hand on the jobs of workers
// still on their way back (they keep their work); a worker that never comes back is still handed on.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../../src/adapters/db/database.js';
import { JobQueue } from '../../../src/adapters/queue/job-queue.js';
import { startRelay, type TcpRelay } from '../../support/tcp-relay.js';
import { testDatabaseUrl } from '../../support/test-adapters.js';
import { startTestPlatform, type TestPlatform } from '../../support/test-platform.js';

const LEASE_SECONDS = 6;

let test: TestPlatform;
const opened: { relay: TcpRelay; database: DatabaseHandle; queue: JobQueue }[] = [];
beforeAll(async () => {
  test = await startTestPlatform();
});
afterEach(async () => {
  for (const { relay, database, queue } of opened.splice(0)) {
    await relay.restore();
    await queue.stop(0);
    await database.close();
  }
});
afterAll(() => test.close());

/** A worker process of its own, reaching the test's database through a relay the test can cut. */
async function startWorker(onJob: (videoId: string, signal: AbortSignal) => Promise<void>) {
  const relay = await startRelay(new URL(testDatabaseUrl), 5432);
  const config = test.platform.config.database;
  if (config.kind !== 'postgres') throw new Error('production adapters only');
  const url = new URL(config.url);
  url.port = String(relay.port);
  const database = await openDatabase(
    { kind: 'postgres', url: url.toString(), connectTimeoutMs: 1_000, queryTimeoutMs: 2_000 },
    () => {},
  );
  const queue = await JobQueue.start(database.queueDatabase, database.db, pino({ level: 'silent' }), {
    maintenanceIntervalSeconds: 3600,
    pollingIntervalSeconds: 0.5,
    overrides: { 'transcode-video': { expireInSeconds: 3600 } },
    leaseSeconds: { 'transcode-video': LEASE_SECONDS },
  });
  await queue.work('transcode-video', 1, ({ videoId }, { signal }) => onJob(videoId, signal));
  opened.push({ relay, database, queue });
  return relay;
}

/** A job that runs until released, or until its worker aborts it. */
function heldJobs() {
  const taken: string[] = [];
  const releases: (() => void)[] = [];
  const run = (videoId: string, signal: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      taken.push(videoId);
      releases.push(resolve);
      signal.addEventListener('abort', () => reject(signal.reason));
    });
  const releaseAll = () => {
    for (const release of releases) release();
  };
  return { taken, run, releaseAll };
}

async function jobsOf(videoId: string) {
  const { rows } = await sql<{ state: string }>`
    select state from pgboss.job where name = 'transcode-video' and data->>'videoId' = ${videoId}
    order by created_on`.execute(test.platform.database.db);
  return rows.map((row) => row.state);
}

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let waited = 0; !(await condition()); waited += 100) {
    if (waited > 30_000) throw new Error(`timed out waiting until ${what}`);
    await sleep(100);
  }
}

/** One worker runs the job; both lose the database for longer than a lease; the sweeper's comes back first. */
async function outageWithSweeperBackFirst() {
  const runner = heldJobs();
  const runnerRelay = await startWorker(runner.run);
  const videoId = `outage-${randomBytes(4).toString('hex')}`;
  await test.platform.queue.send('transcode-video', { videoId });
  await until(() => runner.taken.length === 1, 'the runner takes the job');
  const sweeper = heldJobs();
  const sweeperRelay = await startWorker(sweeper.run);
  runnerRelay.cut();
  sweeperRelay.cut();
  await sleep((LEASE_SECONDS + 1) * 1000);
  await sweeperRelay.restore();
  await sleep(2_000); // several sweeps, all finding the runner's lease run out
  return { videoId, runner, runnerRelay, sweeper };
}

it('leaves a live worker a lease to renew after the outage, and its job and work stay its own', async () => {
  const { videoId, runner, runnerRelay, sweeper } = await outageWithSweeperBackFirst();
  await runnerRelay.restore();
  await sleep(LEASE_SECONDS * 1000);
  expect(sweeper.taken).toEqual([]);
  runner.releaseAll();
  await until(async () => (await jobsOf(videoId))[0] !== 'active', 'the runner records its outcome');
  expect(await jobsOf(videoId)).toEqual(['completed']);
}, 60_000);

it('still hands on, a lease after the outage, the job of a worker that did not come back', async () => {
  const { videoId, sweeper } = await outageWithSweeperBackFirst();
  await until(() => sweeper.taken.length === 1, 'the sweeper takes the job over');
  expect(sweeper.taken).toEqual([videoId]);
  expect(await jobsOf(videoId)).toEqual(['cancelled', 'active']);
  sweeper.releaseAll();
}, 60_000);
