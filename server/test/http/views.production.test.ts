// Views buffered in Redis: a batch sealed by a process that died before applying it is applied by the
// next flush, in any process.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { register } from '../support/accounts.js';
import { publishStandInVideo } from '../support/published-videos.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let test: TestPlatform;
beforeAll(async () => {
  test = await startTestPlatform({ VIEW_FLUSH_INTERVAL_SECONDS: '3600' });
});
afterAll(() => test.close());

it('applies a batch a crashed flusher left in Redis', async () => {
  const owner = await register(test.app);
  const id = await publishStandInVideo(test.platform, owner, 'public');
  const redis = test.platform.redis?.client;
  if (!redis) throw new Error('the production adapters have Redis');
  const orphan = crypto.randomUUID();
  await redis.hset(`views:batch:${orphan}`, `${id} ${new Date().toISOString().slice(0, 10)}`, '3');
  await redis.sadd('views:batches', orphan);

  await test.platform.services.views.flush();
  const video = await test.platform.database.db
    .selectFrom('videos')
    .select('view_count')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  expect(Number(video.view_count)).toBe(3);
  expect(await redis.smembers('views:batches')).toEqual([]);
  expect(await redis.exists(`views:batch:${orphan}`)).toBe(0);
});
