import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import type { Cache } from '../../../src/adapters/cache/cache.js';
import { MemoryCache } from '../../../src/adapters/cache/memory-cache.js';
import { RedisCache } from '../../../src/adapters/cache/redis-cache.js';
import { testRedisUrl } from '../../support/test-adapters.js';

const silent = pino({ level: 'silent' });
const opened: Cache[] = [];
afterAll(() => Promise.all(opened.map((cache) => cache.close())));

async function open(make: () => Cache | Promise<Cache>): Promise<Cache> {
  const cache = await make();
  opened.push(cache);
  return cache;
}

const implementations: [string, () => Promise<Cache>][] = [
  ['MemoryCache', () => open(() => new MemoryCache(1_000))],
  [
    'RedisCache',
    () =>
      open(() =>
        RedisCache.connect({
          url: testRedisUrl,
          keyPrefix: `test:${randomBytes(4).toString('hex')}:`,
          logger: silent,
        }),
      ),
  ],
];

describe.each(implementations)('%s', (_name, make) => {
  it('stores, reads and deletes values', async () => {
    const cache = await make();
    await cache.ping();
    await cache.set('video:1', '{"title":"first"}', 60);
    await cache.set('video:2', 'second', 60);
    expect(await cache.get('video:1')).toBe('{"title":"first"}');
    await cache.delete('video:1', 'video:2');
    expect(await cache.get('video:1')).toBeUndefined();
    expect(await cache.get('video:2')).toBeUndefined();
  });

  it('forgets a value after its time to live', async () => {
    const cache = await make();
    await cache.set('short-lived', 'x', 1);
    expect(await cache.get('short-lived')).toBe('x');
    await sleep(1_100);
    expect(await cache.get('short-lived')).toBeUndefined();
  });

  it('lets one caller claim a key until the claim runs out', async () => {
    const cache = await make();
    const claims = await Promise.all([1, 2, 3].map(() => cache.claim('lock:video:1', 300)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    await sleep(350);
    expect(await cache.claim('lock:video:1', 300)).toBe(true);
  });

  it('counts within a window that does not stretch with each increment', async () => {
    const cache = await make();
    expect(await cache.increment('attempts', 1)).toBe(1);
    expect(await cache.increment('attempts', 1)).toBe(2);
    await sleep(600);
    expect(await cache.increment('attempts', 1)).toBe(3);
    await sleep(600);
    expect(await cache.increment('attempts', 1)).toBe(1);
  });
});

describe('MemoryCache', () => {
  it('evicts the least recently used entry beyond its cap', async () => {
    const cache = await open(() => new MemoryCache(100));
    for (let index = 0; index < 100; index += 1) await cache.set(`key:${index}`, String(index), 60);
    await cache.get('key:0');
    await cache.set('key:100', '100', 60);
    expect(await cache.get('key:0')).toBe('0');
    expect(await cache.get('key:1')).toBeUndefined();
  });
});

describe('RedisCache when Redis is unreachable', () => {
  it('answers misses instead of failing, and ping reports the outage', async () => {
    const cache = await open(() => RedisCache.connect({ url: 'redis://127.0.0.1:1', logger: silent }));
    await cache.set('key', 'value', 60);
    expect(await cache.get('key')).toBeUndefined();
    expect(await cache.increment('counter', 60)).toBe(0);
    expect(await cache.claim('lock', 1_000)).toBe(true);
    await expect(cache.ping()).rejects.toThrow();
  });
});
