// The cache seen by services: Redis in production, an in-process LRU on embedded defaults.
// Reads and writes never throw for an unreachable cache (they behave as misses); ping() does.
//
// A miss is filled under a lease: the filler takes it before loading, and its value is stored only while
// the lease still holds. `delete` ends the leases on the keys it deletes, so a fill that loaded the old
// value before a write cannot store it after the write's invalidation.
export interface Cache {
  get(key: string): Promise<string | undefined>;
  /** Stores unconditionally: for values no write invalidates. Fills of a miss go through `lease`/`fill`. */
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  /** Deletes the keys and ends any lease on them. */
  delete(...keys: string[]): Promise<void>;
  /**
   * Takes the lease to fill `key` for `ttlMs`: its token, or undefined while another caller holds it. When the
   * cache cannot be reached, a token anyway, so that the caller goes ahead on its own (its fill stores nothing).
   */
  lease(key: string, ttlMs: number): Promise<string | undefined>;
  /** Stores `value` if `lease` still holds `key`, and ends the lease; false when it no longer held. */
  fill(key: string, lease: string, value: string, ttlSeconds: number): Promise<boolean>;
  /** Ends `lease` without storing anything (its load failed). */
  release(key: string, lease: string): Promise<void>;
  /** Adds one to a counter that starts at zero and lives `windowSeconds` from its first increment. */
  increment(key: string, windowSeconds: number): Promise<number>;
  /**
   * Marks `member` of the set `key` as present at `atMs` (the caller's clock), and forgets the members not
   * marked since `atMs - windowMs`: a set of who is here now, each counted once however often marked.
   */
  markPresent(key: string, member: string, atMs: number, windowMs: number): Promise<void>;
  /** How many members of `key` were marked at `sinceMs` or later. */
  countPresent(key: string, sinceMs: number): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Where a key's lease is kept, beside it. */
export const leaseKey = (key: string) => `lock:${key}`;
