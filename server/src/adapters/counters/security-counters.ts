// Security counters: log-in failures, rate limits and view claims. Unlike cache entries they must never
// be evicted to make room (a lost counter is a reset limit), so they live in PostgreSQL, in a Redis that
// runs with `noeviction`, or in this process's memory on embedded defaults.

export interface CounterWindow {
  count: number;
  /** Milliseconds until the count lapses. */
  resetInMs: number;
}

export interface SecurityCounters {
  /** Adds one to `key`. A new count lives `windowMs` from its first hit; later hits do not extend it. */
  increment(key: string, windowMs: number): Promise<CounterWindow>;
  /** The count of `key`, 0 when absent or lapsed. */
  count(key: string): Promise<number>;
  /** Creates `key` for `ms` unless it exists: true when this caller created it. */
  claim(key: string, ms: number): Promise<boolean>;
  /** Milliseconds until `key` lapses, 0 when absent. */
  remainingMs(key: string): Promise<number>;
  /** Makes `key` exist for `ms` from now, whether it existed or not. */
  hold(key: string, ms: number): Promise<void>;
  delete(...keys: string[]): Promise<void>;
  close(): Promise<void>;
}
