// Counted views wait for the flusher where nothing evicts them, in both places production keeps them: the
// counters Redis (noeviction) and, by default, PostgreSQL. The cache Redis (allkeys-lru) losing every key
// loses no view; a batch sealed by a process that died before applying it is applied by the next flush.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from '../support/accounts.js';
import { publishStandInVideo } from '../support/published-videos.js';
import { type OwnRedis, startRedisServer } from '../support/redis-server.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { newViewer, reportViewing } from '../support/viewers.js';

/** Servers of this file's own: the shared test Redis is never flushed. */
let cacheRedis: OwnRedis;
let countersRedis: OwnRedis;
beforeAll(async () => {
  [cacheRedis, countersRedis] = await Promise.all([
    startRedisServer('allkeys-lru'),
    startRedisServer('noeviction'),
  ]);
});
afterAll(async () => {
  await Promise.all([cacheRedis?.stop(), countersRedis?.stop()]);
});

const today = () => new Date().toISOString().slice(0, 10);

describe.each([
  ['the counters Redis', true],
  ['PostgreSQL', false],
])('views buffered in %s', (_where, ownCountersRedis) => {
  let test: TestPlatform;
  let owner: Awaited<ReturnType<typeof register>>;
  beforeAll(async () => {
    test = await startTestPlatform({
      REDIS_URL: cacheRedis.url,
      ...(ownCountersRedis && { REDIS_COUNTERS_URL: countersRedis.url }),
      // Flushed by the tests themselves.
      VIEW_FLUSH_INTERVAL_SECONDS: '3600',
    });
    owner = await register(test.app);
  });
  afterAll(() => test?.close());

  const viewCount = async (id: string) =>
    (await test.platform.repositories.videos.findById(id))?.counts.views ?? Number.NaN;

  it('loses none when the cache Redis loses every key before the flush', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public');
    for (let viewer = 0; viewer < 4; viewer += 1) {
      const answer = await reportViewing(test, id, newViewer(), 30);
      expect(answer.json().counted).toBe(true);
    }
    // Everything an allkeys-lru cache may evict under memory pressure, evicted at once.
    await cacheRedis.client.flushall();
    await test.platform.services.views.flush();
    expect(await viewCount(id)).toBe(4);
  });

  it('applies, once, a batch a crashed flusher left sealed', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public');
    const orphan = crypto.randomUUID();
    if (ownCountersRedis) {
      const redis = new Redis(countersRedis.url, { keyPrefix: test.cacheKeyPrefix });
      await redis.hset(`views:batch:${orphan}`, `${id} ${today()}`, '3');
      await redis.sadd('views:batches', orphan);
      redis.disconnect();
    } else {
      await test.platform.database.db
        .insertInto('buffered_views')
        .values(Array.from({ length: 3 }, () => ({ video_id: id, day: today(), batch_id: orphan })))
        .execute();
    }
    await test.platform.services.views.flush();
    await test.platform.services.views.flush();
    expect(await viewCount(id)).toBe(3);
  });
});
