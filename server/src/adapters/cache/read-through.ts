// Cache-aside with single-flight. A miss is filled by ONE load: callers in this process share the
// pending load, and across processes a short lock in the cache makes the others wait for its result.
// Absent values are remembered too (briefly), so a burst of requests for a missing id stays off the database.
import { setTimeout as sleep } from 'node:timers/promises';
import { LRUCache } from 'lru-cache';
import type { Cache } from './cache.js';

export interface ReadThroughOptions {
  ttlSeconds: number;
  /** How long "there is no such thing" is remembered. */
  absentTtlSeconds: number;
  /** How long one process may hold the fill lock before others give up waiting and load themselves. */
  lockMs: number;
  /** How often a process that lost the lock looks for the filled value. */
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

  private fillOnce(key: string, load: () => Promise<unknown>): Promise<string> {
    let fill = this.pending.get(key);
    if (!fill) {
      fill = this.fill(key, load).finally(() => this.pending.delete(key));
      this.pending.set(key, fill);
    }
    return fill;
  }

  private async fill(key: string, load: () => Promise<unknown>): Promise<string> {
    const lock = `lock:${key}`;
    const locked = await this.cache.claim(lock, this.options.lockMs);
    if (!locked) {
      const filled = await this.waitForFill(key);
      if (filled !== undefined) return filled;
    }
    try {
      const value = await load();
      const text = value === undefined ? ABSENT : JSON.stringify(value);
      const ttl = value === undefined ? this.options.absentTtlSeconds : this.options.ttlSeconds;
      await this.cache.set(key, text, ttl);
      return text;
    } finally {
      if (locked) await this.cache.delete(lock);
    }
  }

  private async waitForFill(key: string): Promise<string | undefined> {
    for (let waited = 0; waited < this.options.lockMs; waited += this.options.pollMs) {
      await sleep(this.options.pollMs);
      const filled = await this.cache.get(key);
      if (filled !== undefined) return filled;
    }
    return undefined;
  }
}
