// A Redis client that fails at once while the server is away (no offline queue, one retry) and keeps
// reconnecting in the background: callers fall back rather than wait.
import { Redis } from 'ioredis';

export function failFastRedis(url: string, keyPrefix: string | undefined): Redis {
  return new Redis(url, {
    keyPrefix,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
}
