// An in-process LRU in front of Redis for the hottest keys, kept coherent by Redis itself: with
// server-assisted client-side caching (CLIENT TRACKING … BCAST PREFIX), Redis tells this process about
// every write, delete, expiry or eviction of a key under the prefix, by any process. While that channel
// is not known to be up, the near copy is emptied and bypassed, so it never serves what Redis would not.
import { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { Cache } from './cache.js';
import type { RedisCache } from './redis-cache.js';

export interface NearCacheOptions {
  redis: RedisCache;
  url: string;
  /** The key prefix the Redis cache adds to every key (the tracking prefix must include it). */
  keyPrefix: string;
  /** Only keys starting with this are kept near, e.g. `video:`. */
  prefix: string;
  maxEntries: number;
  logger: Logger;
}

const INVALIDATIONS = '__redis__:invalidate';

export class NearCache implements Cache {
  private readonly near: LRUCache<string, string>;
  private readonly subscriber: Redis;
  private readonly trackedPrefix: string;
  /** True only while Redis is known to report every change under the prefix to this process. */
  private tracking = false;
  /** Bumped by every change seen: a read that saw it move while in flight must not be kept near. */
  private invalidations = 0;
  /** The subscriber connection's id, once it listens for invalidations. */
  private subscriberId: number | undefined;

  static async start(options: NearCacheOptions): Promise<NearCache> {
    const cache = new NearCache(options);
    await cache.track().catch(() => {});
    return cache;
  }

  private constructor(private readonly options: NearCacheOptions) {
    this.near = new LRUCache({ max: options.maxEntries });
    this.trackedPrefix = `${options.keyPrefix}${options.prefix}`;
    // Subscribed by hand after each connect: its id must be read before it enters subscriber mode.
    this.subscriber = new Redis(options.url, {
      enableOfflineQueue: false,
      autoResubscribe: false,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    });
    this.subscriber.on('error', () => this.stopTracking());
    this.subscriber.on('close', () => {
      this.subscriberId = undefined;
      this.stopTracking();
    });
    this.subscriber.on('messageBuffer', (channel: Buffer, keys: Buffer[] | null) => {
      if (channel.toString() === INVALIDATIONS) this.invalidate(keys);
    });
    // Tracking belongs to a connection: after either one reconnects it has to be asked for again.
    this.subscriber.on('ready', () => void this.track().catch(() => {}));
    options.redis.client.on('ready', () => void this.track().catch(() => {}));
    options.redis.client.on('close', () => this.stopTracking());
  }

  async get(key: string): Promise<string | undefined> {
    if (!this.isNear(key)) return this.options.redis.get(key);
    const near = this.tracking ? this.near.get(key) : undefined;
    if (near !== undefined) return near;
    const seen = this.invalidations;
    const value = await this.options.redis.get(key);
    if (value !== undefined && this.tracking && seen === this.invalidations) this.near.set(key, value);
    return value;
  }

  /** Applied here at once; Redis's echo of this process's own write arrives a little later. */
  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.forgetNear([key]);
    await this.options.redis.set(key, value, ttlSeconds);
  }

  /** Ends the leases too (in Redis, where every process takes them). */
  async delete(...keys: string[]): Promise<void> {
    this.forgetNear(keys);
    await this.options.redis.delete(...keys);
  }

  lease(key: string, ttlMs: number): Promise<string | undefined> {
    return this.options.redis.lease(key, ttlMs);
  }

  /** Like `set`: applied here at once, and only if the lease, kept in Redis, still holds. */
  async fill(key: string, lease: string, value: string, ttlSeconds: number): Promise<boolean> {
    this.forgetNear([key]);
    return this.options.redis.fill(key, lease, value, ttlSeconds);
  }

  release(key: string, lease: string): Promise<void> {
    return this.options.redis.release(key, lease);
  }

  increment(key: string, windowSeconds: number): Promise<number> {
    return this.options.redis.increment(key, windowSeconds);
  }

  markPresent(key: string, member: string, atMs: number, windowMs: number): Promise<void> {
    return this.options.redis.markPresent(key, member, atMs, windowMs);
  }

  countPresent(key: string, sinceMs: number): Promise<number> {
    return this.options.redis.countPresent(key, sinceMs);
  }

  ping(): Promise<void> {
    return this.options.redis.ping();
  }

  /** Closes the subscriber only: the Redis cache underneath belongs to the platform. */
  async close(): Promise<void> {
    this.subscriber.removeAllListeners('close');
    this.subscriber.disconnect();
    this.near.clear();
  }

  /** A read in flight that sees the count move does not keep its result near. */
  private forgetNear(keys: string[]): void {
    this.invalidations += 1;
    for (const key of keys) this.near.delete(key);
  }

  private isNear(key: string): boolean {
    return key.startsWith(this.options.prefix);
  }

  /** Subscribes, then asks Redis to send the invalidations of the cache's connection to the subscriber. */
  private async track(): Promise<void> {
    const { client } = this.options.redis;
    if (this.subscriber.status !== 'ready' || client.status !== 'ready') return;
    if (this.subscriberId === undefined) {
      const id = Number(await this.subscriber.client('ID'));
      await this.subscriber.subscribe(INVALIDATIONS);
      this.subscriberId = id;
    }
    await client.call(
      ...['CLIENT', 'TRACKING', 'ON', 'REDIRECT', String(this.subscriberId)],
      ...['BCAST', 'PREFIX', this.trackedPrefix],
    );
    this.near.clear();
    this.tracking = true;
  }

  private stopTracking(): void {
    if (this.tracking) this.options.logger.warn('near cache off until Redis invalidations flow again');
    this.tracking = false;
    this.near.clear();
  }

  /** `null` means Redis flushed everything. */
  private invalidate(keys: Buffer[] | null): void {
    this.invalidations += 1;
    if (keys === null) {
      this.near.clear();
      return;
    }
    for (const key of keys) this.near.delete(key.toString().slice(this.options.keyPrefix.length));
  }
}
