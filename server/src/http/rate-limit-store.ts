// @fastify/rate-limit's store over the security counters, so request limits live where log-in failures
// do: never in the evicting cache, and still applied (per process) while the shared store is away.
import type { FastifyRateLimitOptions, FastifyRateLimitStore } from '@fastify/rate-limit';

/** What a rate limit needs of the security counters (adapters/counters): a count in a fixed window. */
export interface WindowCounters {
  increment(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
}

type Done = Parameters<FastifyRateLimitStore['incr']>[1];
type RouteOptions = Parameters<FastifyRateLimitStore['child']>[0];
interface RouteInfo {
  method: string | string[];
  url: string;
}

/** A store class for the plugin's `store` option (it constructs the class itself, once per route). */
export function counterRateLimitStore(counters: WindowCounters) {
  return class CounterRateLimitStore implements FastifyRateLimitStore {
    constructor(
      _options: FastifyRateLimitOptions,
      private readonly prefix = 'rate:',
    ) {}

    incr(key: string, done: Done, timeWindow: number): void {
      counters.increment(`${this.prefix}${key}`, timeWindow).then(
        ({ count, resetInMs }) => done(null, { current: count, ttl: resetInMs }),
        (error: Error) => done(error),
      );
    }

    /** Each route counts on its own. */
    child(options: RouteOptions): CounterRateLimitStore {
      // The plugin passes the route under `routeInfo` (its typings describe the route itself).
      const { method, url } = (options as unknown as { routeInfo: RouteInfo }).routeInfo;
      return new CounterRateLimitStore(options, `${this.prefix}${String(method)}${url}:`);
    }
  };
}
