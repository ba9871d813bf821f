// In-process LRU cache with per-entry expiry, capped by entry count. Leases are kept apart from values, so
// they never push a value out.
import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Cache } from './cache.js';

interface PresenceSet {
  members: Map<string, number>;
  prunedAt: number;
}

export class MemoryCache implements Cache {
  private readonly entries: LRUCache<string, string>;
  /** Key → the token of the fill that holds its lease. */
  private readonly leases: LRUCache<string, string>;
  /** Presence sets: member → when last marked. Each set lives its window past its last mark. */
  private readonly presence: LRUCache<string, PresenceSet>;

  constructor(maxEntries: number) {
    this.entries = new LRUCache<string, string>({ max: maxEntries, ttlAutopurge: false });
    this.leases = new LRUCache<string, string>({ max: maxEntries, ttlAutopurge: false });
    this.presence = new LRUCache<string, PresenceSet>({ max: maxEntries, ttlAutopurge: false });
  }

  async get(key: string): Promise<string | undefined> {
    return this.entries.get(key);
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.entries.set(key, value, { ttl: ttlSeconds * 1000 });
  }

  async delete(...keys: string[]): Promise<void> {
    for (const key of keys) {
      this.entries.delete(key);
      this.leases.delete(key);
    }
  }

  async lease(key: string, ttlMs: number): Promise<string | undefined> {
    if (this.leases.has(key)) return undefined;
    const token = randomUUID();
    this.leases.set(key, token, { ttl: ttlMs });
    return token;
  }

  async fill(key: string, lease: string, value: string, ttlSeconds: number): Promise<boolean> {
    if (this.leases.get(key) !== lease) return false;
    this.leases.delete(key);
    this.entries.set(key, value, { ttl: ttlSeconds * 1000 });
    return true;
  }

  async release(key: string, lease: string): Promise<void> {
    if (this.leases.get(key) === lease) this.leases.delete(key);
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

  async markPresent(key: string, member: string, atMs: number, windowMs: number): Promise<void> {
    const set = this.presence.get(key) ?? { members: new Map<string, number>(), prunedAt: atMs };
    set.members.set(member, atMs);
    // Pruned once a window, not at every mark: a mark stays O(1) however many are present.
    if (atMs - set.prunedAt >= windowMs) {
      for (const [other, markedAt] of set.members) if (markedAt < atMs - windowMs) set.members.delete(other);
      set.prunedAt = atMs;
    }
    this.presence.set(key, set, { ttl: windowMs });
  }

  async countPresent(key: string, sinceMs: number): Promise<number> {
    let count = 0;
    for (const markedAt of this.presence.get(key)?.members.values() ?? []) if (markedAt >= sinceMs) count++;
    return count;
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.entries.clear();
    this.leases.clear();
    this.presence.clear();
  }
}
