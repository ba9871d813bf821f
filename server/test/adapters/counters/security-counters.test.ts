// Every security counter store keeps the same contract: fixed windows counted from the first hit,
// claims that only one caller wins, holds that replace, and deletes.
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCounters } from '../../../src/adapters/counters/memory-counters.js';
import { PostgresCounters } from '../../../src/adapters/counters/postgres-counters.js';
import { RedisCounters } from '../../../src/adapters/counters/redis-counters.js';
import type { SecurityCounters } from '../../../src/adapters/counters/security-counters.js';
import { type OwnRedis, startRedisServer } from '../../support/redis-server.js';
import { testAdapters } from '../../support/test-adapters.js';
import { startTestPlatform, type TestPlatform } from '../../support/test-platform.js';

const silent = pino({ level: 'silent' });
let test: TestPlatform;
let keeping: OwnRedis | undefined;
const stores: Record<string, () => Promise<SecurityCounters>> = {
  memory: async () => new MemoryCounters(),
  postgres: async () => new PostgresCounters(test.platform.database.db),
};
if (testAdapters === 'production') {
  stores.redis = async () => {
    if (!keeping) throw new Error('started in beforeAll');
    return RedisCounters.connect({ url: keeping.url, logger: silent });
  };
}

beforeAll(async () => {
  test = await startTestPlatform();
  if (testAdapters === 'production') {
    keeping = await startRedisServer('noeviction');
  }
});
afterAll(async () => {
  await Promise.all([test.close(), keeping?.stop()]);
});

const key = () => `test:${randomBytes(6).toString('hex')}`;
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(Object.keys(stores))('%s counters', (name) => {
  let counters: SecurityCounters;
  beforeAll(async () => {
    counters = await (stores[name] as () => Promise<SecurityCounters>)();
  });
  afterAll(() => counters.close());

  it('counts within a window that later hits do not extend', async () => {
    const counted = key();
    const first = await counters.increment(counted, 60_000);
    const second = await counters.increment(counted, 60_000);
    expect([first.count, second.count]).toEqual([1, 2]);
    expect(second.resetInMs).toBeLessThanOrEqual(first.resetInMs);
    expect(second.resetInMs).toBeGreaterThan(50_000);
    expect(await counters.count(counted)).toBe(2);
    expect(await counters.count(key())).toBe(0);
  });

  it('starts again once a window has lapsed', async () => {
    const counted = key();
    await counters.increment(counted, 50);
    await counters.increment(counted, 50);
    await settle(120);
    expect(await counters.count(counted)).toBe(0);
    expect((await counters.increment(counted, 60_000)).count).toBe(1);
  });

  it('lets one caller of many claim a key, until it lapses', async () => {
    const claimed = key();
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => counters.claim(claimed, 300)));
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect(await counters.remainingMs(claimed)).toBeGreaterThan(0);
    await settle(400);
    expect(await counters.remainingMs(claimed)).toBe(0);
    expect(await counters.claim(claimed, 60_000)).toBe(true);
  });

  it('holds a key for a new time, and deletes', async () => {
    const held = key();
    await counters.hold(held, 60_000);
    await counters.hold(held, 5_000);
    expect(await counters.remainingMs(held)).toBeLessThanOrEqual(5_000);
    expect(await counters.claim(held, 1_000)).toBe(false);
    await counters.delete(held);
    expect(await counters.remainingMs(held)).toBe(0);
  });
});
