// Security counters in a Redis of their own (`REDIS_COUNTERS_URL`), shared by every API process. Redis
// sets eviction per server, not per key, so that server must run with `maxmemory-policy noeviction`: one
// that would evict is refused at start-up, and bypassed (with an error logged) if it later turns out so.
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { failFastRedis } from '../cache/fail-fast-redis.js';
import type { CounterWindow, SecurityCounters } from './security-counters.js';

export interface RedisCountersOptions {
  url: string;
  /** Prefixes every key, so several platforms (or test files) can share one Redis. */
  keyPrefix?: string;
  logger: Logger;
}

export class EvictingCounterStore extends Error {
  constructor(policy: string) {
    super(
      `The Redis at REDIS_COUNTERS_URL runs with maxmemory-policy ${policy}: it could evict log-in and ` +
        'rate-limit counters. Give it maxmemory-policy noeviction (docs/operations.md)',
    );
    this.name = 'EvictingCounterStore';
  }
}

/** Adds one and starts the window on the first hit; answers the count and the milliseconds left. */
const INCREMENT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

export class RedisCounters implements SecurityCounters {
  readonly client: Redis;
  /** False while the server is not known to keep every key (not yet checked, or evicting). */
  private keepsKeys = false;

  /**
   * Connects (waiting up to 2 s) and checks the eviction policy. An evicting server refuses the start;
   * one that is down only means counting in each process until it is up and checked.
   */
  static async connect(options: RedisCountersOptions): Promise<RedisCounters> {
    const counters = new RedisCounters(options);
    const policy = await counters.readyPolicy().catch(() => undefined);
    if (policy !== undefined && policy !== 'noeviction') {
      counters.client.disconnect();
      throw new EvictingCounterStore(policy);
    }
    return counters;
  }

  private constructor(private readonly options: RedisCountersOptions) {
    this.client = failFastRedis(options.url, options.keyPrefix);
    this.client.on('error', () => {}); // reported by the fallback that wraps this store
    this.client.on('ready', () => void this.checkPolicy().catch(() => {}));
  }

  /** Whether counting here is safe: connected to a server known not to evict. */
  usable(): boolean {
    return this.keepsKeys && this.client.status === 'ready';
  }

  async increment(key: string, windowMs: number): Promise<CounterWindow> {
    const [count, ttl] = (await this.client.eval(INCREMENT, 1, key, windowMs)) as [number, number];
    return { count, resetInMs: ttl };
  }

  async count(key: string): Promise<number> {
    return Number((await this.client.get(key)) ?? 0);
  }

  async claim(key: string, ms: number): Promise<boolean> {
    return (await this.client.set(key, '1', 'PX', ms, 'NX')) === 'OK';
  }

  async remainingMs(key: string): Promise<number> {
    return Math.max(0, await this.client.pttl(key));
  }

  async hold(key: string, ms: number): Promise<void> {
    await this.client.set(key, '1', 'PX', ms);
  }

  async delete(...keys: string[]): Promise<void> {
    if (keys.length > 0) await this.client.del(...keys);
  }

  async close(): Promise<void> {
    this.client.disconnect();
  }

  private async readyPolicy(): Promise<string | undefined> {
    if (this.client.status !== 'ready') {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('redis not ready after 2 s')), 2_000);
        this.client.once('ready', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.checkPolicy();
  }

  /** Reads the eviction policy; where CONFIG is not allowed (managed Redis) the operator's word is taken. */
  private async checkPolicy(): Promise<string | undefined> {
    let policy: string | undefined;
    try {
      const [, value] = (await this.client.config('GET', 'maxmemory-policy')) as string[];
      policy = value;
    } catch (error) {
      this.options.logger.warn(
        { err: error },
        'cannot read maxmemory-policy of the counters Redis; make sure it is noeviction',
      );
    }
    this.keepsKeys = policy === undefined || policy === 'noeviction';
    if (!this.keepsKeys) this.options.logger.error(new EvictingCounterStore(policy ?? '').message);
    return policy;
  }
}
