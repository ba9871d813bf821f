// Cache-aside with single-flight. A miss is filled by ONE load: callers in this process share the pending
// load, and across processes the filler holds a lease in the cache while the others wait for its result.
// The fill is stored only while its lease holds: a write's invalidation (`delete`) ends it, so a load that
// read the row before the write can never put the old value back. Absent values are remembered too
// (briefly), so a burst of requests for a missing id stays off the database.
import { setTimeout as sleep } from 'node:timers/promises';
import { LRUCache } from 'lru-cache';
import type { Cache } from './cache.js';

export interface ReadThroughOptions {
  ttlSeconds: number;
  /** How long "there is no such thing" is remembered. */
  absentTtlSeconds: number;
  /** How long one process may hold a fill's lease before others give up waiting and load themselves. */
  leaseMs: number;
  /** How often a process waiting for another's fill looks for its value. */
  pollMs: number;
  /** How many decoded values are kept, so a hot key is not parsed again while its text is unchanged. */
  decodedEntries: number;
  /** Told of each lookup, for metrics. */
  onLookup?: (outcome: 'hit' | 'miss') => void;
}

/** Turns the cached JSON into the value callers get; its result is shared, so callers must not change it. */
export type Decode<T> = (json: unknown) => T;

const ABSENT = 'null';

export class ReadThrough {
  private readonly pending = new Map<string, Promise<string>>();
  private readonly decoded: LRUCache<string, { text: string; value: unknown }>;

  constructor(
    private readonly cache: Cache,
    private readonly options: ReadThroughOptions,
  ) {
    this.decoded = new LRUCache({ max: options.decodedEntries });
  }

  /** The value under `key`, loading it on a miss; `decode` gets it as JSON gives it back. */
  async get<T>(key: string, load: () => Promise<unknown>, decode: Decode<T>): Promise<T | undefined> {
    const cached = await this.cache.get(key);
    this.options.onLookup?.(cached === undefined ? 'miss' : 'hit');
    const text = cached ?? (await this.fillOnce(key, load));
    if (text === ABSENT) return undefined;
    const known = this.decoded.get(key);
    if (known?.text === text) return known.value as T;
    const value = decode(JSON.parse(text));
    this.decoded.set(key, { text, value });
    return value;
  }

  /**
   * Forgets the keys after a write: in the cache (ending any fill's lease on them) and in this process, where
   * a caller arriving from now on must not be handed a load that began before the write.
   */
  async delete(...keys: string[]): Promise<void> {
    for (const key of keys) this.pending.delete(key);
    await this.cache.delete(...keys);
  }

  private fillOnce(key: string, load: () => Promise<unknown>): Promise<string> {
    let fill = this.pending.get(key);
    if (!fill) {
      const started = this.fill(key, load).finally(() => {
        if (this.pending.get(key) === started) this.pending.delete(key);
      });
      this.pending.set(key, started);
      fill = started;
    }
    return fill;
  }

  /**
   * Loads under the key's lease; while another process holds it, waits for its value, taking the lease over
   * if it ends unfilled. If nobody fills it in time, loads without storing (someone else holds the lease).
   */
  private async fill(key: string, load: () => Promise<unknown>): Promise<string> {
    const { leaseMs, pollMs } = this.options;
    for (let waited = 0; waited < leaseMs; waited += pollMs) {
      const lease = await this.cache.lease(key, leaseMs);
      if (lease !== undefined) return this.loadUnderLease(key, lease, load);
      await sleep(pollMs);
      const filled = await this.cache.get(key);
      if (filled !== undefined) return filled;
    }
    return encode(await load());
  }

  private async loadUnderLease(key: string, lease: string, load: () => Promise<unknown>): Promise<string> {
    let text: string;
    try {
      text = encode(await load());
    } catch (error) {
      await this.cache.release(key, lease);
      throw error;
    }
    const ttl = text === ABSENT ? this.options.absentTtlSeconds : this.options.ttlSeconds;
    // Not stored if a write ended the lease meanwhile; this caller still gets what it read, as any read
    // running alongside a write may.
    await this.cache.fill(key, lease, text, ttl);
    return text;
  }
}

const encode = (value: unknown) => (value === undefined ? ABSENT : JSON.stringify(value));
