// npm run bench:api — the video read path against its floor and its ceiling, in one run on this machine:
// (a) GET /api/v1/videos/{id} with a warm Redis cache, (b) the same with no cache (PostgreSQL every time),
// (c) a bare Fastify route answering the same JSON from memory. Then: how many database queries 500
// concurrent requests for a cold video make, and the hit ratio of a Zipf(1.0) trace over 100 000 videos
// with the cache capped at 5% of them, against the ideal for the same trace.
// Needs PostgreSQL and Redis (TEST_DATABASE_URL, TEST_REDIS_URL, as the tests) and redis-server on PATH.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Fastify from 'fastify';
import { pino } from 'pino';
import type { Cache } from '../server/src/adapters/cache/cache.js';
import { loadConfig } from '../server/src/config.js';
import { buildPlatformApp } from '../server/src/platform/api-app.js';
import { openPlatform, type Platform } from '../server/src/platform/platform.js';
import { administer } from '../server/test/support/global-setup.js';
import { publishStandInVideo } from '../server/test/support/published-videos.js';
import { databaseUrl, testRedisUrl } from '../server/test/support/test-adapters.js';
import {
  CAPACITY,
  idealHitRatio,
  MEASURED,
  memoryHitRatio,
  redisHitRatio,
  VIDEOS,
  WARM_UP,
  zipfTrace,
} from './cache-hit-ratio.mjs';
import { exitAfter } from './support/deadline.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const run = promisify(execFile);
const silent = pino({ level: 'silent' });

/** Every lookup misses and nothing is kept: reads go to PostgreSQL (in-process single-flight still applies). */
const noCache: Cache = {
  get: async () => undefined,
  set: async () => {},
  delete: async () => {},
  lease: async () => 'no-cache',
  fill: async () => false,
  release: async () => {},
  increment: async () => 1,
  ping: async () => {},
  close: async () => {},
};

interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

/** autocannon in its own process, so the load tool never shares the server's event loop. */
async function autocannon(url: string, seconds: number) {
  const bin = path.resolve('node_modules/.bin/autocannon');
  const args = ['-c', String(CONNECTIONS), '-d', String(seconds), '-j', url];
  const { stdout } = await run(bin, args, { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout);
}

/** Two seconds of warm-up (JIT, pools, cache), then the measured run. */
async function load(url: string): Promise<LoadResult> {
  await autocannon(url, 2);
  const result = await autocannon(url, SECONDS);
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

async function listen(app: { listen(options: { port: number; host: string }): Promise<string> }) {
  return app.listen({ port: 0, host: '127.0.0.1' });
}

function report(label: string, result: LoadResult): void {
  console.log(
    `  ${label.padEnd(34)} ${result.requestsPerSecond.toFixed(0).padStart(7)} req/s   p50 ${String(result.p50).padStart(3)} ms   p99 ${String(result.p99).padStart(3)} ms   errors ${result.errors}`,
  );
}

/** Counts the database reads of video pages made while `work` runs. */
async function countLoads(platform: Platform, work: () => Promise<unknown>): Promise<number> {
  const videos = platform.repositories.videos;
  const original = videos.findWithChannel.bind(videos);
  let loads = 0;
  videos.findWithChannel = (id) => {
    loads += 1;
    return original(id);
  };
  try {
    await work();
  } finally {
    videos.findWithChannel = original;
  }
  return loads;
}

// ---------------------------------------------------------------- the run

// Four loads of (2 + SECONDS) s and four Zipf replays take about three minutes on two cores.
exitAfter(5 + (4 * (2 + SECONDS)) / 60, 'bench:api');
const database = `vidstream_bench_${randomBytes(4).toString('hex')}`;
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-bench-api-'));
await administer(`CREATE DATABASE ${database}`);
const config = loadConfig({
  DATABASE_URL: databaseUrl(database),
  REDIS_URL: testRedisUrl,
  SESSION_SECRET: randomBytes(32).toString('hex'),
  DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
});
const cacheKeyPrefix = `bench:${randomBytes(4).toString('hex')}:`;
const cached = await openPlatform(config, silent, { cacheKeyPrefix });
const uncached = await openPlatform(config, silent, { cache: noCache });
const cachedApp = await buildPlatformApp(cached);
const uncachedApp = await buildPlatformApp(uncached);
// Closed with the rest whatever happens: one left listening keeps the process from exiting.
const bare = Fastify();
const ceilingApp = await buildPlatformApp(cached);
try {
  const registered = await cachedApp.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: {
      email: 'bench@example.test',
      password: 'correct horse battery staple',
      handle: 'bench',
      displayName: 'Bench',
    },
  });
  const owner = { id: registered.json().user.id as string, handle: 'bench' };
  const videoId = await publishStandInVideo(cached, owner, 'public', {});
  const page = await cachedApp.inject({ url: `/api/v1/videos/${videoId}` });
  const body = page.json();

  bare.get('/api/v1/videos/:id', async () => body);
  ceilingApp.get('/ceiling/videos/:id', async () => body);

  const urls = {
    cached: `${await listen(cachedApp)}/api/v1/videos/${videoId}`,
    uncached: `${await listen(uncachedApp)}/api/v1/videos/${videoId}`,
    bare: `${await listen(bare)}/api/v1/videos/${videoId}`,
    ceiling: `${await listen(ceilingApp)}/ceiling/videos/${videoId}`,
  };
  console.log(
    `GET /api/v1/videos/{id}, ${CONNECTIONS} connections, ${SECONDS} s each (after 2 s of warm-up):`,
  );
  const a = await load(urls.cached);
  report('(a) through the Redis cache', a);
  const b = await load(urls.uncached);
  report('(b) no cache: PostgreSQL (simultaneous reads share a query)', b);
  const c = await load(urls.bare);
  report('(c) bare Fastify, JSON from memory', c);
  report("(c') our app's stack, JSON from memory", await load(urls.ceiling));
  console.log(
    `  a/c ${(a.requestsPerSecond / c.requestsPerSecond).toFixed(2)} (target ≥ 0.60)   a/b ${(a.requestsPerSecond / b.requestsPerSecond).toFixed(2)}   p99 a/c ${(a.p99 / Math.max(c.p99, 1)).toFixed(2)} (target ≤ 1.5)`,
  );

  const coldId = await publishStandInVideo(cached, owner, 'public', {});
  const queries = await countLoads(cached, () =>
    Promise.all(
      Array.from({ length: 500 }, () =>
        fetch(urls.cached.replace(videoId, coldId)).then((r) => r.arrayBuffer()),
      ),
    ),
  );
  console.log(
    `\n500 concurrent requests for a cold video: ${queries} database ${queries === 1 ? 'query' : 'queries'} (target 1)`,
  );

  const trace = zipfTrace(VIDEOS, WARM_UP + MEASURED, 20261125);
  const ideal = idealHitRatio(trace.subarray(WARM_UP), CAPACITY);
  const entry = await cached.repositories.videos.findWithChannel(videoId);
  const memory = await memoryHitRatio(trace, entry);
  const lfu = await redisHitRatio(trace, JSON.stringify(entry), 'allkeys-lfu');
  const lru = await redisHitRatio(trace, JSON.stringify(entry), 'allkeys-lru');
  console.log(
    `\nZipf(1.0) over ${VIDEOS} videos, cache for ${CAPACITY} (5%), ${WARM_UP} requests of warm-up, ${MEASURED} measured:`,
  );
  console.log(`  ideal (the ${CAPACITY} most requested, always held)  ${ideal.toFixed(3)}`);
  console.log(
    `  in-process LRU (embedded)                       ${memory.toFixed(3)}   ${(memory / ideal).toFixed(2)} × ideal (target ≥ 0.85)`,
  );
  console.log(
    `  Redis allkeys-lfu (production)                  ${lfu.toFixed(3)}   ${(lfu / ideal).toFixed(2)} × ideal (target ≥ 0.90)`,
  );
  console.log(
    `  Redis allkeys-lru (for comparison)              ${lru.toFixed(3)}   ${(lru / ideal).toFixed(2)} × ideal`,
  );
  console.log(
    '  (Redis ages LRU keys on a 1-second clock: replayed in seconds, its LRU is close to random.)',
  );
} finally {
  await bare.close();
  await ceilingApp.close();
  await cachedApp.close();
  await uncachedApp.close();
  await cached.close();
  await uncached.close();
  await administer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await rm(dataDir, { recursive: true, force: true });
}
