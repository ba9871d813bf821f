// In-process LRU cache with per-entry expiry, capped by entry count.
import { LRUCache } from 'lru-cache';
import type { Cache } from './cache.js';

export class MemoryCache implements Cache {
  private readonly entries: LRUCache<string, string>;

  constructor(maxEntries: number) {
    this.entries = new LRUCache<string, string>({ max: maxEntries, ttlAutopurge: false });
  }

  async get(key: string): Promise<string | undefined> {
    return this.entries.get(key);
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.entries.set(key, value, { ttl: ttlSeconds * 1000 });
  }

  async delete(...keys: string[]): Promise<void> {
    for (const key of keys) this.entries.delete(key);
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    if (this.entries.has(key)) return false;
    this.entries.set(key, '1', { ttl: ttlMs });
    return true;
  }

  async increment(key: string, windowSeconds: number): Promise<number> {
    const current = this.entries.get(key);
    if (current === undefined) {
      this.entries.set(key, '1', { ttl: windowSeconds * 1000 });
      return 1;
    }
    const next = Number(current) + 1;
    // Keep the window's original expiry: the counter must not live longer with every hit.
    this.entries.set(key, String(next), { ttl: this.entries.getRemainingTTL(key) });
    return next;
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.entries.clear();
  }
}
