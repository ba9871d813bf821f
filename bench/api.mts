// npm run bench:api [-- --quick] — the video read path against its floor and its ceiling, in one run on this machine:
// (a) GET /api/v1/videos/{id} with a warm Redis cache, (b) the same with no cache (PostgreSQL every time),
// (c) a bare Fastify route answering the same JSON from memory; first for one hot video (where (b)'s
// simultaneous reads share one query, so it measures that sharing more than the database), then for a
// Zipf(1.0) spread over 20 000 videos, as a catalogue is read. Then: how many database queries 500
// concurrent requests for a cold video make, and the hit ratio of a Zipf(1.0) trace over 100 000 videos
// with the cache capped at 5% of them, against the ideal for the same trace.
// Needs PostgreSQL and Redis (TEST_DATABASE_URL, TEST_REDIS_URL, as the tests) and redis-server on PATH.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { pino } from 'pino';
import type { Cache } from '../server/src/adapters/cache/cache.js';
import { loadConfig } from '../server/src/config.js';
import { buildPlatformApp } from '../server/src/platform/api-app.js';
import { openPlatform, type Platform } from '../server/src/platform/platform.js';
import { administer } from '../server/test/support/global-setup.js';
import { publishStandInVideo } from '../server/test/support/published-videos.js';
import { databaseUrl, testRedisUrl } from '../server/test/support/test-adapters.js';
import { Load, type LoadResult, ratios, report } from './api/load.js';
import { copyVideo } from './api/video-copies.js';
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
/** `--quick`: 5 s loads rather than 10 (the hit ratios' replays take as long either way). */
const SECONDS = Number(process.env.BENCH_SECONDS ?? (process.argv.includes('--quick') ? 5 : 10));
/** The spread table's videos: twice what the near cache holds by default, so a tenth of reads go to Redis. */
const SPREAD_VIDEOS = 20_000;
/**
 * The production default: a line per request at `info`, thrown away here, since writing it is part of
 * what the stack costs ((c) has no logger at all).
 */
const requestLog = pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: false }));

/** Every lookup misses and nothing is kept: reads go to PostgreSQL (in-process single-flight still applies). */
const noCache: Cache = {
  get: async () => undefined,
  set: async () => {},
  delete: async () => {},
  lease: async () => 'no-cache',
  fill: async () => false,
  release: async () => {},
  increment: async () => 1,
  markPresent: async () => {},
  countPresent: async () => 0,
  ping: async () => {},
  close: async () => {},
};

async function listen(app: { listen(options: { port: number; host: string }): Promise<string> }) {
  return app.listen({ port: 0, host: '127.0.0.1' });
}

/** Asks for every video once, 32 at a time: the cache (and PostgreSQL's buffers) hold them all after. */
async function readEach(prefix: string, ids: string[]): Promise<void> {
  for (let start = 0; start < ids.length; start += 32) {
    await Promise.all(
      ids.slice(start, start + 32).map((id) => fetch(`${prefix}${id}`).then((r) => r.arrayBuffer())),
    );
  }
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

// Seven loads of (2 + SECONDS) s, two reads of every copy and four Zipf replays take about four minutes.
exitAfter(8 + (7 * (2 + SECONDS)) / 60, 'bench:api');
const database = `vidstream_bench_${randomBytes(4).toString('hex')}`;
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-bench-api-'));
await administer(`CREATE DATABASE ${database}`);
const config = loadConfig({
  DATABASE_URL: databaseUrl(database),
  REDIS_URL: testRedisUrl,
  SESSION_SECRET: randomBytes(32).toString('hex'),
  DATA_DIR: dataDir,
  LOG_LEVEL: 'info',
});
const cacheKeyPrefix = `bench:${randomBytes(4).toString('hex')}:`;
const cached = await openPlatform(config, requestLog, { cacheKeyPrefix });
const uncached = await openPlatform(config, requestLog, { cache: noCache });
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
  ceilingApp.get('/api/ceiling/videos/:id', async () => body);

  const servers = {
    cached: await listen(cachedApp),
    uncached: await listen(uncachedApp),
    bare: await listen(bare),
    ceiling: await listen(ceilingApp),
  };
  const options = { connections: CONNECTIONS, seconds: SECONDS };
  const oneVideo = await Load.over([videoId], dataDir, 'hot');
  const hot = (server: string, route = 'api/v1/videos') => oneVideo.run(`${server}/${route}/`, options);
  console.log(
    `One hot video: GET /api/v1/videos/{id}, ${CONNECTIONS} connections, ${SECONDS} s each (after 2 s of warm-up):`,
  );
  const a = await hot(servers.cached);
  report('(a) through the Redis cache', a);
  const b = await hot(servers.uncached);
  report('(b) no cache: PostgreSQL, reads share a query', b);
  const c = await hot(servers.bare);
  report('(c) bare Fastify, JSON from memory', c);
  report("(c') our app's stack, JSON from memory", await hot(servers.ceiling, 'api/ceiling/videos'));
  ratios(a, b, c);

  const copies = await copyVideo(cached.database.db, videoId, SPREAD_VIDEOS);
  const spread = await Load.over(copies, dataDir, 'spread');
  const spreadRun = async (server: string, warm: boolean): Promise<LoadResult> => {
    if (warm) await readEach(`${server}/api/v1/videos/`, copies);
    return spread.run(`${server}/api/v1/videos/`, options);
  };
  console.log(
    `\nZipf(1.0) over ${SPREAD_VIDEOS} videos (every one read once before, then 2 s of warm-up), ${CONNECTIONS} connections, ${SECONDS} s:`,
  );
  const spreadA = await spreadRun(servers.cached, true);
  report('(a) through the Redis cache', spreadA);
  const spreadB = await spreadRun(servers.uncached, true);
  report('(b) no cache: PostgreSQL', spreadB);
  const spreadC = await spreadRun(servers.bare, false);
  report('(c) bare Fastify, JSON from memory', spreadC);
  ratios(spreadA, spreadB, spreadC);

  const coldId = await publishStandInVideo(cached, owner, 'public', {});
  const queries = await countLoads(cached, () =>
    Promise.all(
      Array.from({ length: 500 }, () =>
        fetch(`${servers.cached}/api/v1/videos/${coldId}`).then((r) => r.arrayBuffer()),
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
