// npm run chaos [-- --minutes N] — VidStream under faults, for N minutes (default 10): two API and two
// worker processes (the built server) on PostgreSQL, Redis and an S3 test server, each reached through a
// relay; people upload and watch continuously while, every 20–40 s, a worker is SIGKILLed (and started
// again later) or a relay is cut for 5–15 s. Then it waits for every upload to settle and prints uploads
// made and ready, videos lost (target 0), views counted by the API against views in the database (exact),
// 5xx outside fault windows (target 0) and the longest recovery. Talks only to local processes.
// `--quick`: 3 minutes (unless --minutes says otherwise), and at most 5 minutes for uploads to settle.
// Needs PostgreSQL and Redis (TEST_DATABASE_URL, TEST_REDIS_URL, as the tests), ffmpeg and `npm run build`.
import { randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { makeClip } from '../server/test/support/media-clips.js';
import { startRelay, type TcpRelay } from '../server/test/support/tcp-relay.js';
import { testDatabaseUrl, testRedisUrl } from '../server/test/support/test-adapters.js';
import { ApiClient } from './support/api-client.js';
import { openBackends } from './support/backends.js';
import { benchDeadline } from './support/deadline.js';
import { type VidStreamProcess, vidstreamProcess } from './support/processes.js';

const quick = process.argv.includes('--quick');
const minutesArgument = process.argv.indexOf('--minutes');
const minutes = minutesArgument > 0 ? Number(process.argv[minutesArgument + 1]) : quick ? 3 : 10;
/** How long uploads still in flight after the faults may take to get ready. */
const SETTLE_MINUTES = quick ? 5 : 10;
/** After a fault ends, errors this long after it still belong to it (clients' retries settle). */
const FAULT_GRACE_MS = 10_000;

// The faults, the settling, and a few minutes to start and to read the results.
const run = benchDeadline('chaos', {
  quick: Math.min(15, minutes + SETTLE_MINUTES + 5),
  full: minutes + SETTLE_MINUTES + 10,
});
run.stage('starting the backends, relays, 2 API and 2 worker processes');
const backends = await openBackends('chaos');
run.onStop(() => backends.close());
const { work, s3 } = backends;
const relays = {
  postgres: await startRelay(new URL(testDatabaseUrl), 5432),
  redis: await startRelay(new URL(testRedisUrl), 6379),
  storage: await startRelay(new URL(s3.endpoint), 80),
};
const throughRelay = (url: string, relay: TcpRelay) => {
  const relayed = new URL(url);
  relayed.hostname = '127.0.0.1';
  relayed.port = String(relay.port);
  return relayed.toString().replace(/\/$/, '');
};
const env = {
  ...backends.environment((url, backend) => throughRelay(url, relays[backend])),
  TRANSCODE_RETRY_DELAY_SECONDS: '2',
  // Every view is sent from this one address: let it report and count as many as a crowd would.
  VIEW_REPORTS_PER_MINUTE: '100000',
  ANONYMOUS_VIEWS_PER_ADDRESS: '1000000',
  // Three people upload all the time: quotas would refuse them, which is not what this run measures.
  UPLOADS_IN_FLIGHT_PER_ACCOUNT: '10000',
  QUEUED_VIDEOS_PER_ACCOUNT: '100000',
  VIEW_FLUSH_INTERVAL_SECONDS: '2',
};

const ports = Array.from({ length: 4 }, () => 20_000 + randomInt(20_000));
const apis = [1, 2].map((n) => vidstreamProcess(`api-${n}`, 'api', ports[n - 1] as number, env, work));
const workers = [1, 2].map((n) =>
  vidstreamProcess(`worker-${n}`, 'worker', ports[n + 1] as number, env, work),
);
await Promise.all([...apis, ...workers].map((child) => child.start()));

run.stage('making clips and signing up');
const client = new ApiClient(apis.map((api) => `http://127.0.0.1:${api.port}`));
const CLIP_SECONDS = [2, 4, 8];
/** Long enough for a view of any clip (all of it), and no more: views are watched in real time. */
const WATCHED_SECONDS = Math.max(...CLIP_SECONDS);
const clips = await Promise.all(
  CLIP_SECONDS.map(async (seconds) =>
    readFile(await makeClip(work, `clip-${seconds}.mp4`, { width: 640, height: 360, seconds })),
  ),
);
const tokens = await Promise.all([1, 2, 3].map(() => client.signUp()));

const made = new Map<string, string>(); // video id → its owner's token
const ready = new Set<string>();
let viewsCounted = 0;
const faults: { kind: string; start: number; end: number; recoveryMs: number }[] = [];
const endAt = Date.now() + minutes * 60_000;
const running = () => Date.now() < endAt;

async function uploadContinuously() {
  while (running()) {
    const token = tokens[randomInt(tokens.length)] as string;
    const id = await client.upload(token, clips[randomInt(clips.length)] as Buffer);
    if (id) made.set(id, token);
    await sleep(1_000 + randomInt(2_000));
  }
}

async function watchContinuously() {
  while (running()) {
    for (const [id, token] of made) {
      if (!ready.has(id) && (await client.state(token, id)) === 'ready') ready.add(id);
    }
    const watchable = [...ready];
    // Ten viewers at once, each watching all of the longest clip (a view counts after real time).
    const viewers =
      watchable.length === 0
        ? []
        : Array.from({ length: 10 }, () => watchable[randomInt(watchable.length)] as string);
    const counted = await Promise.all(viewers.map((id) => client.view(id, WATCHED_SECONDS)));
    viewsCounted += counted.filter(Boolean).length;
    await sleep(500);
  }
}

/** Time from the end of a fault until both API processes answer a database read again. */
async function recovery(): Promise<number> {
  const started = Date.now();
  for (;;) {
    const answers = await Promise.all(
      apis.map((api) =>
        fetch(`http://127.0.0.1:${api.port}/api/v1/feed/newest?limit=1`).catch(() => undefined),
      ),
    );
    if (answers.every((answer) => answer?.ok)) return Date.now() - started;
    await sleep(100);
  }
}

async function breakThings() {
  const kinds = ['kill a worker', 'cut postgres', 'cut redis', 'cut storage'] as const;
  while (running()) {
    await sleep(20_000 + randomInt(20_000));
    if (!running()) return;
    const kind = kinds[randomInt(kinds.length)] as (typeof kinds)[number];
    const start = Date.now();
    const lasting = 5_000 + randomInt(10_000);
    if (kind === 'kill a worker') {
      const victim = workers[randomInt(workers.length)] as VidStreamProcess;
      victim.kill();
      await sleep(lasting);
      await victim.start();
    } else {
      const relay = relays[kind.slice(4) as keyof typeof relays];
      relay.cut();
      await sleep(lasting);
      await relay.restore();
    }
    const end = Date.now();
    faults.push({ kind, start, end, recoveryMs: await recovery() });
    console.log(`${new Date(start).toISOString()} ${kind} for ${(lasting / 1000).toFixed(0)} s`);
  }
}

console.log(`chaos for ${minutes} min: 2 api, 2 workers; logs in ${work}`);
run.stage(`uploads, views and faults for ${minutes} min`);
await Promise.all([uploadContinuously(), watchContinuously(), breakThings()]);

// Every upload accepted must end ready: wait for the stragglers (retries, jobs of killed workers).
run.stage(`waiting up to ${SETTLE_MINUTES} min for every upload to get ready`);
const settleBy = Date.now() + SETTLE_MINUTES * 60_000;
while (Date.now() < settleBy && ready.size < made.size) {
  for (const [id, token] of made) {
    if (!ready.has(id) && (await client.state(token, id)) === 'ready') ready.add(id);
  }
  await sleep(2_000);
}
// A clean stop flushes the views each API process still holds.
run.stage('stopping the processes, which flushes their views');
await Promise.all([...apis, ...workers].map((child) => child.stop()));

run.stage('reading states and views from the database');
const db = new pg.Client({ connectionString: backends.databaseUrl });
await db.connect();
const { rows } = await db.query<{ state: string; views: string }>(
  'select state, view_count as views from videos where id = any($1)',
  [[...made.keys()]],
);
await db.end();
const viewsStored = rows.reduce((sum, row) => sum + Number(row.views), 0);
const insideFault = (at: number) =>
  faults.some((fault) => at >= fault.start && at <= fault.end + FAULT_GRACE_MS);
const outside = client.serverErrors.filter((error) => !insideFault(error.at));
const states = rows.reduce<Record<string, number>>((count, row) => {
  count[row.state] = (count[row.state] ?? 0) + 1;
  return count;
}, {});

console.log(`
faults                      ${faults.length} (${[...new Set(faults.map((fault) => fault.kind))].map((kind) => `${faults.filter((f) => f.kind === kind).length} × ${kind}`).join(', ')})
uploads made                ${made.size}
uploads ready               ${ready.size}
videos lost                 ${made.size - ready.size}   (target 0; states at the end: ${JSON.stringify(states)})
views counted / stored      ${viewsCounted} / ${viewsStored}   (${viewsCounted === viewsStored ? 'exact' : 'NOT exact'})
5xx inside fault windows    ${client.serverErrors.length - outside.length}
5xx outside fault windows   ${outside.length}   (target 0)${outside
  .slice(0, 5)
  .map((error) => `\n  ${new Date(error.at).toISOString()} ${error.status} ${error.what}`)
  .join('')}
longest recovery            ${(Math.max(0, ...faults.map((fault) => fault.recoveryMs)) / 1000).toFixed(1)} s`);

run.stage('closing the relays and the backends');
for (const relay of Object.values(relays)) relay.cut();
await backends.close();
