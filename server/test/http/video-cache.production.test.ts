// What only production adapters have: several API processes sharing one Redis, and a Redis that can
// go away and come back.
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VideoRepository } from '../../src/adapters/db/video.repository.js';
import { register } from '../support/accounts.js';
import { publishStandInVideo } from '../support/published-videos.js';
import { startRelay } from '../support/tcp-relay.js';
import { testRedisUrl } from '../support/test-adapters.js';
import { startTestPlatform, twoInstances } from '../support/test-platform.js';

afterEach(() => vi.restoreAllMocks());
const countLoads = () => vi.spyOn(VideoRepository.prototype, 'findWithChannel');

describe('two API processes', () => {
  const instances = twoInstances();

  it('make one database query between them for a burst of misses on one video', async () => {
    const { first, second } = instances;
    const owner = await register(first.app);
    const id = await publishStandInVideo(first.platform, owner, 'public');
    const loads = countLoads();
    const responses = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        (i % 2 ? first : second).app.inject({ url: `/api/v1/videos/${id}` }),
      ),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(Array(300).fill(200));
    expect(loads).toHaveBeenCalledTimes(1);
  });

  it('see a write made through the other within moments, though each keeps hot videos in memory', async () => {
    const { first, second } = instances;
    const owner = await register(first.app);
    const id = await publishStandInVideo(first.platform, owner, 'public');
    const title = async () => (await second.app.inject({ url: `/api/v1/videos/${id}` })).json().title;
    await title();
    await sleep(100);
    const loads = countLoads();
    await title();
    expect(loads).not.toHaveBeenCalled();
    await first.platform.repositories.videos.edit(id, { title: 'Renamed elsewhere' });
    const changed = Date.now();
    while ((await title()) !== 'Renamed elsewhere') {
      expect(Date.now() - changed, 'the change reached the other process').toBeLessThan(1_000);
      await sleep(5);
    }
  });
});

describe('Redis going away mid-run', () => {
  it('keeps answering from PostgreSQL, warns once, and uses Redis again when it is back', async () => {
    const relay = await startRelay(new URL(testRedisUrl), 6379);
    const logLines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => logLines.push(line) });
    const own = await startTestPlatform({ REDIS_URL: `redis://127.0.0.1:${relay.port}` }, { logger });
    try {
      const owner = await register(own.app);
      const ids = [
        await publishStandInVideo(own.platform, owner, 'public'),
        await publishStandInVideo(own.platform, owner, 'public'),
      ];
      const readAll = () =>
        Promise.all(
          ids.flatMap((id) =>
            Array.from({ length: 20 }, () => own.app.inject({ url: `/api/v1/videos/${id}` })),
          ),
        );

      expect((await readAll()).every((response) => response.statusCode === 200)).toBe(true);
      relay.cut();
      for (let round = 0; round < 5; round += 1) {
        const statuses = (await readAll()).map((response) => response.statusCode);
        expect(statuses).toEqual(Array(statuses.length).fill(200));
      }
      const warnings = () => logLines.filter((line) => line.includes('redis cache unreachable'));
      expect(warnings()).toHaveLength(1);

      await relay.restore();
      for (let waited = 0; own.platform.redis?.client.status !== 'ready' && waited < 10_000; waited += 100) {
        await sleep(100);
      }
      expect(own.platform.redis?.client.status).toBe('ready');
      expect(logLines.some((line) => line.includes('redis cache reachable again'))).toBe(true);
      await readAll();
      const loads = countLoads();
      expect((await readAll()).every((response) => response.statusCode === 200)).toBe(true);
      expect(loads).not.toHaveBeenCalled();
      expect(warnings()).toHaveLength(1);
    } finally {
      relay.cut();
      await own.close();
    }
  }, 30_000);
});
