// Cache-aside with single-flight. A miss is filled by ONE load: callers in this process share the
// pending load, and across processes a short lock in the cache makes the others wait for its result.
// Absent values are remembered too (briefly), so a burst of requests for a missing id stays off the database.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Cache } from './cache.js';

export interface ReadThroughOptions {
  ttlSeconds: number;
  /** How long "there is no such thing" is remembered. */
  absentTtlSeconds: number;
  /** How long one process may hold the fill lock before others give up waiting and load themselves. */
  lockMs: number;
  /** How often a process that lost the lock looks for the filled value. */
  pollMs: number;
  /** Told of each lookup, for metrics. */
  onLookup?: (outcome: 'hit' | 'miss') => void;
}

const ABSENT = 'null';

export class ReadThrough {
  private readonly pending = new Map<string, Promise<string>>();

  constructor(
    private readonly cache: Cache,
    private readonly options: ReadThroughOptions,
  ) {}

  /** The value under `key` as JSON would give it back (dates become strings), loading it on a miss. */
  async get(key: string, load: () => Promise<unknown>): Promise<unknown> {
    const cached = await this.cache.get(key);
    this.options.onLookup?.(cached === undefined ? 'miss' : 'hit');
    const text = cached ?? (await this.fillOnce(key, load));
    return text === ABSENT ? undefined : JSON.parse(text);
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
