// The caches under test, each on a key prefix of its own in the shared Redis: the memory cache, Redis, and
// the near cache in front of Redis (once it hears Redis's invalidations). Each comes with `other`, a second
// handle on the same store, standing for another process.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import type { Cache } from '../../src/adapters/cache/cache.js';
import { MemoryCache } from '../../src/adapters/cache/memory-cache.js';
import { NearCache } from '../../src/adapters/cache/near-cache.js';
import { RedisCache } from '../../src/adapters/cache/redis-cache.js';
import { testRedisUrl } from './test-adapters.js';

const silent = pino({ level: 'silent' });

export interface OpenedCaches {
  cache: Cache;
  other: Cache;
  close(): Promise<void>;
}

export interface OpenedNearCache {
  redis: RedisCache;
  near: NearCache;
  keyPrefix: string;
  close(): Promise<void>;
}

const newPrefix = () => `test:${randomBytes(4).toString('hex')}:`;

const connectRedis = (url: string, keyPrefix: string) =>
  RedisCache.connect({ url, keyPrefix, logger: silent });

/** A near cache for `video:` keys over its own Redis connection, returned once it is tracking. */
export async function openNearCache(url = testRedisUrl, keyPrefix = newPrefix()): Promise<OpenedNearCache> {
  const redis = await connectRedis(url, keyPrefix);
  const near = await NearCache.start({
    redis,
    url,
    keyPrefix,
    prefix: 'video:',
    maxEntries: 100,
    logger: silent,
  });
  await until(() => near.get('video:warm-up').then(() => isTracking(near)));
  return {
    redis,
    near,
    keyPrefix,
    async close() {
      await near.close();
      await redis.close();
    },
  };
}

/** Whether the near cache is serving from memory: it hears every change Redis makes under its prefix. */
export function isTracking(near: NearCache): boolean {
  return (near as unknown as { tracking: boolean }).tracking;
}

export async function until(check: () => boolean | Promise<boolean>, ms = 3_000): Promise<void> {
  for (const started = Date.now(); Date.now() - started < ms; await sleep(20)) if (await check()) return;
  throw new Error('condition not met in time');
}

export const CACHE_ADAPTERS: [string, () => Promise<OpenedCaches>][] = [
  [
    'MemoryCache',
    async () => {
      const cache = new MemoryCache(1_000);
      return { cache, other: cache, close: () => cache.close() };
    },
  ],
  [
    'RedisCache',
    async () => {
      const keyPrefix = newPrefix();
      const [cache, other] = [
        await connectRedis(testRedisUrl, keyPrefix),
        await connectRedis(testRedisUrl, keyPrefix),
      ];
      return { cache, other, close: async () => void (await Promise.all([cache.close(), other.close()])) };
    },
  ],
  [
    'NearCache',
    async () => {
      const first = await openNearCache();
      const second = await openNearCache(testRedisUrl, first.keyPrefix);
      return {
        cache: first.near,
        other: second.near,
        close: async () => void (await Promise.all([first.close(), second.close()])),
      };
    },
  ],
];
