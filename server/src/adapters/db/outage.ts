// Whether an error means PostgreSQL is away (restarting, unreachable, refusing connections) rather than
// that a query was wrong: the first is worth a 503 and a retry, the second is a bug.
import { setTimeout as sleep } from 'node:timers/promises';

const NETWORK_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** SQLSTATEs of a server shutting down, starting up, or out of connection slots. */
const SERVER_AWAY = new Set(['57P01', '57P02', '57P03', '53300']);
/** What node-postgres says when its connect or query timeout fires, or the socket ends mid-query. */
const DRIVER_AWAY = /timeout exceeded when trying to connect|Query read timeout|Connection terminated/;

export function isDatabaseAway(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    // SQLSTATE class 08: connection exceptions.
    if (NETWORK_ERRORS.has(code) || SERVER_AWAY.has(code) || code.startsWith('08')) return true;
  }
  return DRIVER_AWAY.test(error.message);
}

export interface RetryWhileAwayOptions {
  /** Stops retrying (the last error is thrown): the work is no longer this caller's to finish. */
  signal?: AbortSignal;
  intervalMs?: number;
  /** Told of the first failure of a run of them. */
  onAway?: (error: unknown) => void;
}

/**
 * Runs `operation` again, every `intervalMs`, for as long as it fails because PostgreSQL is away: for a
 * write whose loss would cost more than the wait (a finished transcode, a job's outcome). Any other error
 * is thrown at once.
 */
export async function retryWhileDatabaseAway<T>(
  operation: () => Promise<T>,
  { signal, intervalMs = 1_000, onAway }: RetryWhileAwayOptions = {},
): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await operation();
    } catch (error) {
      if (!isDatabaseAway(error) || signal?.aborted) throw error;
      if (attempt === 0) onAway?.(error);
      await sleep(intervalMs, undefined, { signal }).catch(() => undefined);
    }
  }
}
