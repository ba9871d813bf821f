// The cache seen by services: Redis in production, an in-process LRU on embedded defaults.
// Reads and writes never throw for an unreachable cache (they behave as misses); ping() does.
export interface Cache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  delete(...keys: string[]): Promise<void>;
  /**
   * Sets `key` only if it is absent, for `ttlMs`: a short lock. True when this caller set it, and also
   * when the cache cannot be reached, so that the caller goes ahead on its own.
   */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Adds one to a counter that starts at zero and lives `windowSeconds` from its first increment. */
  increment(key: string, windowSeconds: number): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
