// The loop that takes a queue's jobs one at a time. pg-boss 10's own `work` records how a job ended
// without waiting for it: PostgreSQL away at that moment meant an unhandled rejection, which ends the
// worker process (pg-boss 11 awaits it, but needs Node 22). Here every step is awaited, and a failed
// fetch or record is retried while PostgreSQL is away.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { retryWhileDatabaseAway } from '../db/outage.js';

export interface PollerOptions<J> {
  queue: string;
  /** One job, or none waiting. */
  fetch: () => Promise<J | undefined>;
  /** Runs a job and records how it ended (through `recordOutcome`). */
  run: (job: J) => Promise<void>;
  /** How long to wait when no job is waiting (or PostgreSQL cannot be asked). */
  intervalMs: number;
  /** Aborted when the worker stops: no further job is fetched. */
  stopping: AbortSignal;
  logger: Logger;
}

/** Resolves once `stopping` is aborted and the job in hand, if any, is done. */
export async function pollJobs<J>({ queue, fetch, run, intervalMs, stopping, logger }: PollerOptions<J>) {
  let away = false;
  while (!stopping.aborted) {
    let job: J | undefined;
    try {
      job = await fetch();
      if (away) logger.info({ queue }, 'jobs fetched again');
      away = false;
    } catch (error) {
      if (!away) logger.warn({ err: error, queue }, 'jobs cannot be fetched; will retry');
      away = true;
    }
    if (job !== undefined) {
      await run(job).catch((error: unknown) => logger.error({ err: error, queue }, 'job runner failed'));
    } else await sleep(intervalMs, undefined, { signal: stopping }).catch(() => undefined);
  }
}

/**
 * Records how a job ended (complete, fail, hand back), retrying while PostgreSQL is away. Gives up when
 * the worker stops or on any other error: the job then stays running in the queue until its lease or
 * expiry hands it on, as for a lost worker.
 */
export async function recordOutcome(
  record: () => Promise<unknown>,
  { logger, stopping, ...job }: { queue: string; jobId: string; stopping: AbortSignal; logger: Logger },
): Promise<void> {
  try {
    await retryWhileDatabaseAway(record, {
      signal: stopping,
      onAway: (error) => logger.warn({ err: error, ...job }, 'job outcome not recorded; will retry'),
    });
  } catch (error) {
    logger.warn({ err: error, ...job }, 'job outcome not recorded; left to its lease or expiry');
  }
}
