// Every cache adapter: values with a time to live, leases that guard a fill, windowed counters; and what
// each one alone does (eviction, an unreachable Redis).
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import type { Cache } from '../../../src/adapters/cache/cache.js';
import { MemoryCache } from '../../../src/adapters/cache/memory-cache.js';
import { CACHE_EVICTION_POLICY, RedisCache } from '../../../src/adapters/cache/redis-cache.js';
import { CACHE_ADAPTERS } from '../../support/cache-adapters.js';
import { startRedisServer } from '../../support/redis-server.js';

const silent = pino({ level: 'silent' });
const closers: (() => Promise<void>)[] = [];
afterAll(() => Promise.all(closers.map((close) => close())));

async function open(make: () => Cache | Promise<Cache>): Promise<Cache> {
  const cache = await make();
  closers.push(() => cache.close());
  return cache;
}

const implementations = CACHE_ADAPTERS.map(([name, openCaches]): [string, () => Promise<Cache>] => [
  name,
  async () => {
    const opened = await openCaches();
    closers.push(opened.close);
    return opened.cache;
  },
]);

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

  it('leases a key to one caller at a time, until the lease runs out or is released', async () => {
    const cache = await make();
    const leases = await Promise.all([1, 2, 3].map(() => cache.lease('video:1', 300)));
    expect(leases.filter(Boolean)).toHaveLength(1);
    await sleep(350);
    const next = await cache.lease('video:1', 5_000);
    expect(next).toEqual(expect.any(String));
    expect(next).not.toBe(leases.find(Boolean));
    expect(await cache.lease('video:1', 5_000)).toBeUndefined();
    await cache.release('video:1', next as string);
    expect(await cache.lease('video:1', 5_000)).toEqual(expect.any(String));
  });

  it('stores a fill while its lease holds, and ends the lease', async () => {
    const cache = await make();
    const lease = (await cache.lease('video:2', 5_000)) as string;
    expect(await cache.fill('video:2', lease, 'loaded', 60)).toBe(true);
    expect(await cache.get('video:2')).toBe('loaded');
    expect(await cache.fill('video:2', lease, 'again', 60)).toBe(false);
    expect(await cache.get('video:2')).toBe('loaded');
    expect(await cache.lease('video:2', 5_000)).toEqual(expect.any(String));
  });

  it('stores nothing for a fill whose lease a delete ended, or that another caller holds now', async () => {
    const cache = await make();
    const ended = (await cache.lease('video:3', 5_000)) as string;
    await cache.delete('video:3');
    expect(await cache.fill('video:3', ended, 'old', 60)).toBe(false);
    expect(await cache.get('video:3')).toBeUndefined();

    const expired = (await cache.lease('video:4', 100)) as string;
    await sleep(150);
    const current = (await cache.lease('video:4', 5_000)) as string;
    expect(await cache.fill('video:4', expired, 'stale', 60)).toBe(false);
    await cache.release('video:4', expired); // not its lease any more: changes nothing
    expect(await cache.lease('video:4', 5_000)).toBeUndefined();
    expect(await cache.fill('video:4', current, 'fresh', 60)).toBe(true);
    expect(await cache.get('video:4')).toBe('fresh');
  });

  it('counts each member present once, and only those marked within the window', async () => {
    const cache = await make();
    const window = 30_000;
    const start = Date.now();
    await cache.markPresent('live:1', 'user:a', start, window);
    await cache.markPresent('live:1', 'user:a', start + 1_000, window);
    await cache.markPresent('live:1', 'viewer:b', start + 2_000, window);
    await cache.markPresent('live:2', 'user:a', start + 2_000, window);
    expect(await cache.countPresent('live:1', start + 2_000 - window)).toBe(2);
    // 22 s in, a was last marked 21 s before and still counts; 40 s in, only b does.
    await cache.markPresent('live:1', 'viewer:b', start + 22_000, window);
    expect(await cache.countPresent('live:1', start + 22_000 - window)).toBe(2);
    expect(await cache.countPresent('live:1', start + 40_000 - window)).toBe(1);
    await cache.markPresent('live:1', 'viewer:c', start + 70_000, window);
    expect(await cache.countPresent('live:1', start + 70_000 - window)).toBe(1);
    expect(await cache.countPresent('live:nobody', start)).toBe(0);
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
    const lease = await cache.lease('key', 1_000);
    expect(lease).toEqual(expect.any(String));
    expect(await cache.fill('key', lease as string, 'value', 60)).toBe(false);
    await expect(cache.ping()).rejects.toThrow();
  });
});

describe('RedisCache eviction', () => {
  /** A Redis of the test's own, started with LRU, and the warnings the cache logs about it. */
  async function cacheOn(serverOptions: string[] = []) {
    const server = await startRedisServer('allkeys-lru', '0', serverOptions);
    closers.push(server.stop);
    const warnings: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => warnings.push(line) });
    const cache = await open(() => RedisCache.connect({ url: server.url, logger }));
    return { server, cache: cache as RedisCache, warnings };
  }

  it('asks Redis to evict the least frequently used keys under the cap, and warns of nothing', async () => {
    expect(CACHE_EVICTION_POLICY).toBe('allkeys-lfu');
    const { server, cache, warnings } = await cacheOn();
    await cache.configureEviction('64mb');
    expect(await server.client.config('GET', 'maxmemory-policy')).toEqual([
      'maxmemory-policy',
      'allkeys-lfu',
    ]);
    expect(await server.client.config('GET', 'maxmemory')).toEqual(['maxmemory', String(64 * 1024 * 1024)]);
    expect(await cache.evictionPolicy()).toBe('allkeys-lfu');
    expect(warnings).toEqual([]);
  });

  it('warns, naming the policy it found, where CONFIG is refused and the server evicts otherwise', async () => {
    const { cache, warnings } = await cacheOn(['--rename-command', 'CONFIG', '']);
    await cache.configureEviction('64mb');
    expect(await cache.evictionPolicy()).toBe('allkeys-lru');
    expect(warnings).toHaveLength(1);
    expect(JSON.parse(warnings[0] as string).msg).toMatch(
      /maxmemory-policy allkeys-lru, not allkeys-lfu; set it on the server/,
    );
  });
});
