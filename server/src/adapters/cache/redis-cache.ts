// Redis cache. Commands fail fast while Redis is unreachable (no offline queue) and count as misses;
// the outage is logged once, and ioredis reconnects by itself. A lease is a key beside its value holding
// the filler's random token; filling and releasing check the token in one Lua script, so nothing can come
// between the check and the write.
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { type Cache, leaseKey } from './cache.js';
import { failFastRedis } from './fail-fast-redis.js';

/** KEYS: lease, value. ARGV: token, value, ttl seconds. Stores the value only while the token holds the lease. */
const FILL_IF_LEASED = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[3])
  return 1
end
return 0`;

/** KEYS: lease. ARGV: token. Ends the lease if the token still holds it. */
const RELEASE_IF_LEASED = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

/**
 * Video popularity is long-tailed: LFU keeps the popular entries through bursts of one-off reads, where
 * Redis's LRU, on its one-second clock, behaves close to random (bench:api: 0.95 against 0.82 of ideal).
 */
export const CACHE_EVICTION_POLICY = 'allkeys-lfu';

interface LeaseScripts {
  fillIfLeased(lease: string, key: string, token: string, value: string, ttlSeconds: number): Promise<number>;
  releaseIfLeased(lease: string, token: string): Promise<number>;
}

export interface RedisCacheOptions {
  url: string;
  /** Prefixes every key, so several platforms (or test files) can share one Redis. */
  keyPrefix?: string;
  logger: Logger;
}

export class RedisCache implements Cache {
  readonly client: Redis;
  private readonly scripts: LeaseScripts;
  private readonly logger: Logger;
  private outageLogged = false;

  /** Connects, waiting up to 2 s: a Redis that is down at start-up only means a cold, slower start. */
  static async connect(options: RedisCacheOptions): Promise<RedisCache> {
    const cache = new RedisCache(options);
    await cache.waitUntilReady().catch((error: Error) => cache.reportOutage(error));
    return cache;
  }

  private constructor(options: RedisCacheOptions) {
    this.logger = options.logger;
    this.client = failFastRedis(options.url, options.keyPrefix);
    // Sent by hash (EVALSHA), the script itself only when Redis does not know it yet.
    this.client.defineCommand('fillIfLeased', { numberOfKeys: 2, lua: FILL_IF_LEASED });
    this.client.defineCommand('releaseIfLeased', { numberOfKeys: 1, lua: RELEASE_IF_LEASED });
    this.scripts = this.client as unknown as LeaseScripts;
    this.client.on('error', (error) => this.reportOutage(error));
    this.client.on('ready', () => {
      if (this.outageLogged) this.logger.info('redis cache reachable again');
      this.outageLogged = false;
    });
  }

  /**
   * Asks Redis to evict the least frequently used keys under a memory cap (`allkeys-lfu`: why, in
   * docs/operations.md, "Redis"), sampling 10 keys per eviction, then checks the policy Redis really runs
   * with: managed services refuse CONFIG and take it from their own settings. Warns when it differs.
   */
  async configureEviction(maxMemory: string): Promise<void> {
    const refused = await this.setEviction(maxMemory).then(
      () => undefined,
      (error: Error) => error,
    );
    const policy = await this.evictionPolicy().catch(() => undefined);
    if (policy === CACHE_EVICTION_POLICY) return;
    this.logger.warn(
      { err: refused, policy },
      `Redis runs with maxmemory-policy ${policy ?? '(unreadable)'}, not ${CACHE_EVICTION_POLICY}; set it on the server (docs/operations.md)`,
    );
  }

  /** The policy Redis evicts with; INFO answers where CONFIG is refused. */
  async evictionPolicy(): Promise<string | undefined> {
    return (await this.client.info('memory')).match(/^maxmemory_policy:(\S+)/m)?.[1];
  }

  private async setEviction(maxMemory: string): Promise<void> {
    await this.client.config('SET', 'maxmemory-policy', CACHE_EVICTION_POLICY);
    await this.client.config('SET', 'maxmemory-samples', '10');
    await this.client.config('SET', 'maxmemory', maxMemory);
  }

  async get(key: string): Promise<string | undefined> {
    return this.attempt(async () => (await this.client.get(key)) ?? undefined, undefined);
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.attempt(() => this.client.set(key, value, 'EX', ttlSeconds), undefined);
  }

  async delete(...keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.attempt(() => this.client.del(...keys.flatMap((key) => [key, leaseKey(key)])), undefined);
  }

  async lease(key: string, ttlMs: number): Promise<string | undefined> {
    const token = randomBytes(12).toString('base64url');
    return this.attempt(async () => {
      const taken = await this.client.set(leaseKey(key), token, 'PX', ttlMs, 'NX');
      return taken === 'OK' ? token : undefined;
    }, token);
  }

  async fill(key: string, lease: string, value: string, ttlSeconds: number): Promise<boolean> {
    return this.attempt(
      async () => (await this.scripts.fillIfLeased(leaseKey(key), key, lease, value, ttlSeconds)) === 1,
      false,
    );
  }

  async release(key: string, lease: string): Promise<void> {
    await this.attempt(() => this.scripts.releaseIfLeased(leaseKey(key), lease), undefined);
  }

  async increment(key: string, windowSeconds: number): Promise<number> {
    return this.attempt(async () => {
      const [[, count] = []] =
        (await this.client.multi().incr(key).expire(key, windowSeconds, 'NX').exec()) ?? [];
      return Number(count ?? 0);
    }, 0);
  }

  /** A sorted set scored by the time of each member's last mark; one round trip. */
  async markPresent(key: string, member: string, atMs: number, windowMs: number): Promise<void> {
    await this.attempt(
      () =>
        this.client
          .multi()
          .zadd(key, atMs, member)
          .zremrangebyscore(key, '-inf', `(${atMs - windowMs}`)
          .pexpire(key, windowMs)
          .exec(),
      undefined,
    );
  }

  async countPresent(key: string, sinceMs: number): Promise<number> {
    return this.attempt(() => this.client.zcount(key, sinceMs, '+inf'), 0);
  }

  async ping(): Promise<void> {
    await this.client.ping();
  }

  async close(): Promise<void> {
    this.client.disconnect();
  }

  private async waitUntilReady(): Promise<void> {
    if (this.client.status === 'ready') return;
    await new Promise<void>((resolve, reject) => {
      const ready = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.client.off('ready', ready);
        reject(new Error('redis not ready after 2 s'));
      }, 2_000);
      this.client.once('ready', ready);
    });
  }

  private async attempt<T>(command: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await command();
    } catch (error) {
      this.reportOutage(error as Error);
      return fallback;
    }
  }

  private reportOutage(error: Error): void {
    if (this.outageLogged) return;
    this.outageLogged = true;
    this.logger.warn({ err: error }, 'redis cache unreachable; serving without it until it is back');
  }
}
