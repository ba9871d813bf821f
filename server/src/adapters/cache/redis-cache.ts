// Redis cache. Commands fail fast while Redis is unreachable (no offline queue) and count as misses;
// the outage is logged once, and ioredis reconnects by itself.
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Cache } from './cache.js';
import { failFastRedis } from './fail-fast-redis.js';

export interface RedisCacheOptions {
  url: string;
  /** Prefixes every key, so several platforms (or test files) can share one Redis. */
  keyPrefix?: string;
  logger: Logger;
}

export class RedisCache implements Cache {
  readonly client: Redis;
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
    this.client.on('error', (error) => this.reportOutage(error));
    this.client.on('ready', () => {
      if (this.outageLogged) this.logger.info('redis cache reachable again');
      this.outageLogged = false;
    });
  }

  /**
   * Asks Redis to evict least-recently-used keys under a memory cap, sampling 10 keys per eviction (the
   * default 5 strays further from true LRU: bench:api); warns where CONFIG is not allowed.
   */
  async configureEviction(maxMemory: string): Promise<void> {
    try {
      await this.client.config('SET', 'maxmemory-policy', 'allkeys-lru');
      await this.client.config('SET', 'maxmemory-samples', '10');
      await this.client.config('SET', 'maxmemory', maxMemory);
    } catch (error) {
      this.logger.warn(
        { err: error },
        'could not set maxmemory-policy allkeys-lru on Redis; configure it on the server (docs/operations.md)',
      );
    }
  }

  async get(key: string): Promise<string | undefined> {
    return this.attempt(async () => (await this.client.get(key)) ?? undefined, undefined);
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.attempt(() => this.client.set(key, value, 'EX', ttlSeconds), undefined);
  }

  async delete(...keys: string[]): Promise<void> {
    if (keys.length > 0) await this.attempt(() => this.client.del(...keys), undefined);
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    return this.attempt(async () => (await this.client.set(key, '1', 'PX', ttlMs, 'NX')) === 'OK', true);
  }

  async increment(key: string, windowSeconds: number): Promise<number> {
    return this.attempt(async () => {
      const [[, count] = []] =
        (await this.client.multi().incr(key).expire(key, windowSeconds, 'NX').exec()) ?? [];
      return Number(count ?? 0);
    }, 0);
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
