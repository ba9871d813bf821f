// Security counters in this process: the embedded default, and the fallback of a shared store while it
// is unreachable (limits then hold per process, counted from the start of the outage).
import { LRUCache } from 'lru-cache';
import type { CounterWindow, SecurityCounters } from './security-counters.js';

interface Entry {
  count: number;
  expiresAt: number;
}

/**
 * Far more live keys than one process meets in a window; only past it would the oldest counter go
 * (a bound on memory, not an eviction policy that page reads can trigger: nothing else lives here).
 */
const MAX_ENTRIES = 1_000_000;

export class MemoryCounters implements SecurityCounters {
  private readonly entries = new LRUCache<string, Entry>({ max: MAX_ENTRIES });

  constructor(private readonly now: () => number = Date.now) {}

  async increment(key: string, windowMs: number): Promise<CounterWindow> {
    const now = this.now();
    const live = this.live(key, now);
    const entry = live ? { ...live, count: live.count + 1 } : { count: 1, expiresAt: now + windowMs };
    this.entries.set(key, entry);
    return { count: entry.count, resetInMs: entry.expiresAt - now };
  }

  async count(key: string): Promise<number> {
    return this.live(key, this.now())?.count ?? 0;
  }

  async claim(key: string, ms: number): Promise<boolean> {
    const now = this.now();
    if (this.live(key, now)) return false;
    this.entries.set(key, { count: 1, expiresAt: now + ms });
    return true;
  }

  async remainingMs(key: string): Promise<number> {
    const now = this.now();
    const live = this.live(key, now);
    return live ? live.expiresAt - now : 0;
  }

  async hold(key: string, ms: number): Promise<void> {
    this.entries.set(key, { count: 1, expiresAt: this.now() + ms });
  }

  async delete(...keys: string[]): Promise<void> {
    for (const key of keys) this.entries.delete(key);
  }

  async close(): Promise<void> {
    this.entries.clear();
  }

  private live(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > now) return entry;
    if (entry) this.entries.delete(key);
    return undefined;
  }
}
