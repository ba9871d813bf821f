// npm run bench:social — the social layer's pages at scale: 1 000 000 videos over 50 000 channels,
// 10 000 000 comments, 5 000 000 reactions (bench/social-seed.mts). Measures p50/p99 of the home feed,
// a channel's videos, page 200 of a popular video's comments, the subscriptions feed of someone following
// 500 channels, search, and up next beside a video (its first page computed afresh, and a next page read
// from the cached ranking), each through the whole API in this process; then shows EXPLAIN ANALYZE of the
// slowest query of every page over its target (20 ms; search 50 ms).
// The seeded database is kept between runs (seeding takes minutes): `--reseed` starts again. `--quick`:
// tables at 0.05 of the size (BENCH_SCALE) and 100 requests a page (BENCH_ITERATIONS), the same table.
// Needs PostgreSQL (TEST_DATABASE_URL, as the tests).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CompiledQuery } from 'kysely';
import pg from 'pg';
import { pino } from 'pino';
import { loadConfig } from '../server/src/config.js';
import { buildPlatformApp } from '../server/src/platform/api-app.js';
import { openPlatform } from '../server/src/platform/platform.js';
import { administer } from '../server/test/support/global-setup.js';
import { databaseUrl, testDatabaseUrl } from '../server/test/support/test-adapters.js';
import {
  channelHandle,
  POPULAR_VIDEO,
  SCALE,
  SCALE_FACTOR,
  seed,
  VOCABULARY,
  videoId,
} from './social-seed.mjs';
import { benchDeadline } from './support/deadline.js';

const quick = process.argv.includes('--quick');
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? (quick ? 100 : 300));
const WARMUP = 20;
const PAGE = 20;
const database = `vidstream_bench_social_${String(SCALE_FACTOR).replace('.', '_')}`;
const silent = pino({ level: 'silent' });
/** The mark of a finished seed; a database seeded before the co-watch counts is seeded again. */
const SEEDED = 'seeded with co-watch counts';

interface CapturedQuery {
  sql: string;
  parameters: readonly unknown[];
  ms: number;
}
let capture: CapturedQuery[] | undefined;
// Seeding the full size takes a quarter of an hour or more on two shared cores; measuring, a few minutes.
const run = benchDeadline('bench:social', { quick: 15, full: 90 });

async function seededDatabaseExists(): Promise<boolean> {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    // Marked once its seeding finished: an interrupted seed is started again.
    const result = await client.query(
      "SELECT 1 FROM pg_database WHERE datname = $1 AND shobj_description(oid, 'pg_database') = $2",
      [database, SEEDED],
    );
    return result.rowCount === 1;
  } finally {
    await client.end();
  }
}

run.stage(`looking for ${database}`);
const reseed = process.argv.includes('--reseed') || !(await seededDatabaseExists());
if (reseed) {
  await administer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await administer(`CREATE DATABASE ${database}`);
}
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-bench-social-'));
run.onStop(() => rm(dataDir, { recursive: true, force: true }));
const config = loadConfig({
  DATABASE_URL: databaseUrl(database),
  SESSION_SECRET: randomBytes(32).toString('hex'),
  DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
  // No view flushing or queue polling competes with the measured requests.
  VIEW_FLUSH_INTERVAL_SECONDS: '3600',
  // Seeding statements run for minutes; the measured searches come from one address.
  DATABASE_QUERY_TIMEOUT_SECONDS: '600',
  SEARCH_RATE_LIMIT_PER_MINUTE: '100000',
});
const platform = await openPlatform(config, silent, {
  onQuery: (query) => capture?.push(query),
});
const app = await buildPlatformApp(platform);

try {
  if (reseed) {
    run.stage(`seeding ${database}`);
    console.log(`seeding ${database}:`);
    await seed(platform.database.db, (step) => console.log(`  ${step}`));
    await platform.services.views.refreshTrending();
    await administer(`COMMENT ON DATABASE ${database} IS '${SEEDED}'`);
  }

  run.stage('a viewer following 500 channels, and the cursors of deep pages');
  const viewer = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: {
      email: `bench.${randomBytes(4).toString('hex')}@example.test`,
      password: 'correct horse battery staple',
      handle: `bench_${randomBytes(4).toString('hex')}`,
      displayName: 'Bench viewer',
    },
  });
  const { token, user } = viewer.json() as { token: string; user: { id: string } };
  // Follows 500 channels spread over all of them.
  await platform.database.db
    .insertInto('subscriptions')
    .columns(['subscriber_id', 'channel_id', 'created_at'])
    .expression((eb) =>
      eb
        .selectFrom('channels')
        .select([eb.val(user.id).as('subscriber_id'), 'id', eb.val(new Date()).as('created_at')])
        .where(
          'handle',
          'in',
          Array.from({ length: 500 }, (_, index) => channelHandle(1 + index * 100)),
        )
        .where(
          'handle',
          'in',
          Array.from({ length: 500 }, (_, index) => channelHandle(1 + index * 100)),
        ),
    )
    .execute();
  const authorised = { authorization: `Bearer ${token}` };

  /** A cursor `pages` pages into a list. */
  async function cursorAt(url: string, pages: number): Promise<string> {
    let cursor = '';
    for (let page = 1; page < pages; page++) {
      const response = await app.inject({
        url: `${url}${url.includes('?') ? '&' : '?'}limit=${PAGE}${cursor}`,
      });
      const next = (response.json() as { nextCursor: string | null }).nextCursor;
      if (!next) throw new Error(`${url} has fewer than ${pages} pages`);
      cursor = `&cursor=${next}`;
    }
    return cursor;
  }

  const random = (count: number) => 1 + Math.floor(Math.random() * count);
  const word = () => VOCABULARY[random(VOCABULARY.length) - 1] ?? 'bread';
  const homeCursors = await Promise.all([1, 3, 5].map((pages) => cursorAt('/api/v1/feed/home', pages)));
  // Page 200, or as deep as a shrunk trial run goes.
  const deepPage = Math.min(200, Math.floor(SCALE.popularThreads / PAGE));
  const newestCursor200 = await cursorAt(`/api/v1/videos/${POPULAR_VIDEO}/comments?sort=newest`, deepPage);
  const topCursor200 = await cursorAt(`/api/v1/videos/${POPULAR_VIDEO}/comments?sort=top`, deepPage);
  // Public, ready videos: the seed makes index % 20 of 1 unlisted, of 2 private, and % 100 of 0 unfinished.
  const publicVideo = () => videoId(20 * (random(SCALE.videos / 20 - 1) - 1) + 3 + random(17) - 1);
  const upNextVideos = Array.from({ length: 10 }, publicVideo);
  const upNextCursors = await Promise.all(
    upNextVideos.map((id) => cursorAt(`/api/v1/videos/${id}/up-next`, 2)),
  );

  const scenarios: { name: string; targetMs: number; url: () => string; headers?: Record<string, string> }[] =
    [
      {
        name: 'home feed (pages 1, 3, 5)',
        targetMs: 20,
        url: () => `/api/v1/feed/home?limit=${PAGE}${homeCursors[random(3) - 1]}`,
      },
      {
        name: "a channel's videos",
        targetMs: 20,
        url: () => `/api/v1/channels/${channelHandle(random(SCALE.channels))}/videos?limit=${PAGE}`,
      },
      {
        name: `comments page ${deepPage}, newest`,
        targetMs: 20,
        url: () => `/api/v1/videos/${POPULAR_VIDEO}/comments?sort=newest&limit=${PAGE}${newestCursor200}`,
      },
      {
        name: `comments page ${deepPage}, top`,
        targetMs: 20,
        url: () => `/api/v1/videos/${POPULAR_VIDEO}/comments?sort=top&limit=${PAGE}${topCursor200}`,
      },
      {
        name: 'subscriptions feed (500 channels)',
        targetMs: 20,
        url: () => `/api/v1/feed/subscriptions?limit=${PAGE}`,
        headers: authorised,
      },
      {
        name: 'up next, first page (computed)',
        targetMs: 20,
        url: () => `/api/v1/videos/${publicVideo()}/up-next?limit=${PAGE}`,
      },
      {
        name: 'up next, second page (cached)',
        targetMs: 20,
        url: () => {
          const index = random(upNextVideos.length) - 1;
          return `/api/v1/videos/${upNextVideos[index]}/up-next?limit=${PAGE}${upNextCursors[index]}`;
        },
      },
      { name: 'search, one word', targetMs: 50, url: () => `/api/v1/search?q=${word()}&limit=${PAGE}` },
      {
        name: 'search, two words',
        targetMs: 50,
        url: () => `/api/v1/search?q=${word()}%20${word()}&limit=${PAGE}`,
      },
      {
        name: 'search, a prefix being typed',
        targetMs: 50,
        url: () => `/api/v1/search?q=${word()}%20${word().slice(0, 3)}&limit=${PAGE}`,
      },
      {
        name: 'search, a misspelt word',
        targetMs: 50,
        url: () => `/api/v1/search?q=${word().replace(/[aeiou]/, '')}x&limit=${PAGE}`,
      },
      {
        name: 'search, newest first',
        targetMs: 50,
        url: () => `/api/v1/search?q=${word()}&sort=date&limit=${PAGE}`,
      },
      {
        name: 'search, most viewed',
        targetMs: 50,
        url: () => `/api/v1/search?q=${word()}&sort=views&limit=${PAGE}`,
      },
    ];

  const percentile = (sorted: number[], p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
  const slow: { name: string; query: CapturedQuery }[] = [];
  const buffers = await platform.database.db.executeQuery<{ shared_buffers: string }>(
    CompiledQuery.raw('SHOW shared_buffers'),
  );
  console.log(`\nPostgreSQL shared_buffers: ${buffers.rows[0]?.shared_buffers} (the tables are far larger)`);
  console.log(`${ITERATIONS} requests each (after ${WARMUP} to warm up), ${PAGE} items a page:`);
  console.log('page'.padEnd(36), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8), 'target'.padStart(8));
  // BENCH_ONLY=search measures just the pages whose name contains it.
  const only = process.env.BENCH_ONLY ?? '';
  for (const scenario of scenarios.filter(({ name }) => name.includes(only))) {
    run.stage(`measuring ${scenario.name}`);
    const times: number[] = [];
    const queries: CapturedQuery[] = [];
    for (let index = 0; index < WARMUP + ITERATIONS; index++) {
      capture = index < WARMUP ? undefined : queries;
      const started = performance.now();
      const response = await app.inject({ url: scenario.url(), headers: scenario.headers ?? {} });
      const elapsed = performance.now() - started;
      if (response.statusCode !== 200)
        throw new Error(`${scenario.name}: ${response.statusCode} ${response.body}`);
      if (index >= WARMUP) times.push(elapsed);
    }
    capture = undefined;
    times.sort((a, b) => a - b);
    const p99 = percentile(times, 99);
    const verdict = p99 <= scenario.targetMs ? 'met' : 'NOT met';
    console.log(
      scenario.name.padEnd(36),
      percentile(times, 50).toFixed(1).padStart(8),
      p99.toFixed(1).padStart(8),
      `≤ ${scenario.targetMs}`.padStart(8),
      verdict,
    );
    const slowest = queries.sort((a, b) => b.ms - a.ms)[0];
    if (p99 > scenario.targetMs && slowest) slow.push({ name: scenario.name, query: slowest });
  }

  for (const { name, query } of slow) {
    run.stage(`EXPLAIN ANALYZE of ${name}`);
    console.log(
      `\n--- ${name}: its slowest query took ${query.ms.toFixed(1)} ms; EXPLAIN (ANALYZE, BUFFERS):`,
    );
    const plan = await platform.database.db.executeQuery<{ 'QUERY PLAN': string }>(
      CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, [...query.parameters]),
    );
    for (const row of plan.rows) console.log(`  ${row['QUERY PLAN']}`);
  }
} finally {
  await app.close();
  await platform.close();
  await rm(dataDir, { recursive: true, force: true });
}
