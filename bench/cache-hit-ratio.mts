// The cache-policy half of bench:api: a seeded Zipf(1.0) trace over many videos, replayed against the
// embedded cache (read-through over the in-process LRU) and a real Redis in each eviction policy, with the
// ideal hit ratio for the same trace as the yardstick.
import { spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { MemoryCache } from '../server/src/adapters/cache/memory-cache.js';
import { ReadThrough } from '../server/src/adapters/cache/read-through.js';
import { RedisCache } from '../server/src/adapters/cache/redis-cache.js';
import { freePort } from '../server/test/support/free-port.js';

const silent = pino({ level: 'silent' });
export const VIDEOS = 100_000;
export const CAPACITY = VIDEOS * 0.05;
export const WARM_UP = 200_000;
export const MEASURED = 500_000;

/** A seeded Zipf(1.0) sampler over ranks 0..n-1, so every run replays the same trace. */
export function zipfTrace(n: number, length: number, seed: number): Uint32Array {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let rank = 0; rank < n; rank += 1) {
    sum += 1 / (rank + 1);
    cdf[rank] = sum;
  }
  let state = seed >>> 0;
  const random = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const trace = new Uint32Array(length);
  for (let i = 0; i < length; i += 1) {
    const target = random() * sum;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((cdf[middle] as number) < target) low = middle + 1;
      else high = middle;
    }
    trace[i] = low;
  }
  return trace;
}

/** The hit ratio of a cache that always holds the most requested ids of this very trace. */
export function idealHitRatio(trace: Uint32Array, capacity: number): number {
  const counts = new Map<number, number>();
  for (const id of trace) counts.set(id, (counts.get(id) ?? 0) + 1);
  const top = [...counts.values()].sort((a, b) => b - a).slice(0, capacity);
  return top.reduce((total, count) => total + count, 0) / trace.length;
}

/** The embedded cache: our read-through over the in-process LRU capped at `CAPACITY` entries. */
export async function memoryHitRatio(trace: Uint32Array, entry: unknown): Promise<number> {
  let hits = 0;
  let counting = false;
  const cache = new MemoryCache(CAPACITY);
  const readThrough = new ReadThrough(cache, {
    ttlSeconds: 3600,
    absentTtlSeconds: 10,
    leaseMs: 1000,
    pollMs: 10,
    decodedEntries: 1_000,
    onLookup: (outcome) => {
      if (counting && outcome === 'hit') hits += 1;
    },
  });
  for (let i = 0; i < trace.length; i += 1) {
    counting = i >= WARM_UP;
    await readThrough.get(
      `video:v1:${trace[i]}`,
      async () => entry,
      (json) => json,
    );
  }
  return hits / (trace.length - WARM_UP);
}

/**
 * Production's cache: a Redis of its own configured as the app configures it (`allkeys-lfu`), then given
 * `policy`, with `maxmemory` sized to hold `CAPACITY` entries of the real size. Lookups run cache-aside in pipelined batches (GETs, then SETs of the misses).
 */
export async function redisHitRatio(
  trace: Uint32Array,
  value: string,
  policy: 'allkeys-lru' | 'allkeys-lfu',
): Promise<number> {
  const port = await freePort();
  const server = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no']);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('Ready to accept connections')) resolve();
      });
    });
    const redis = new Redis({ port });
    const usedMemory = async () => Number((await redis.info('memory')).match(/used_memory:(\d+)/)?.[1]);
    const baseline = await usedMemory();
    const fill = redis.pipeline();
    for (let id = 0; id < CAPACITY; id += 1) fill.set(`video:v1:${id}`, value, 'EX', 3600);
    await fill.exec();
    const perEntry = ((await usedMemory()) - baseline) / CAPACITY;
    await redis.flushall();
    // Configured the way the app configures the Redis it is given.
    const configured = await RedisCache.connect({ url: `redis://127.0.0.1:${port}`, logger: silent });
    await configured.configureEviction(String(Math.round(baseline + perEntry * CAPACITY)));
    await configured.close();
    await redis.config('SET', 'maxmemory-policy', policy);

    let hits = 0;
    const BATCH = 100;
    for (let start = 0; start < trace.length; start += BATCH) {
      const keys = [...trace.subarray(start, start + BATCH)].map((id) => `video:v1:${id}`);
      const found = (await redis.mget(...keys)) as (string | null)[];
      const misses = redis.pipeline();
      found.forEach((cached, index) => {
        if (cached !== null && start + index >= WARM_UP) hits += 1;
        if (cached === null) misses.set(keys[index] as string, value, 'EX', 3600);
      });
      await misses.exec();
    }
    redis.disconnect();
    return hits / (trace.length - WARM_UP);
  } finally {
    server.kill();
  }
}
