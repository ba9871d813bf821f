// Starts a handler for every job name; refuses to start if one is missing.
import type { Logger } from 'pino';
import { JOB_NAMES, type JobName } from '../adapters/queue/job-definitions.js';
import type { JobHandler, JobQueue } from '../adapters/queue/job-queue.js';
import { type GivenUpHandler, LeaseLost } from '../adapters/queue/leased-jobs.js';

export type JobHandlers = { [N in JobName]: JobHandler<N> };
/** For leased jobs: what to do when their worker was lost on the last attempt. */
export type GivenUpHandlers = { [N in JobName]?: GivenUpHandler<N> };

export async function startWorker(
  queue: JobQueue,
  handlers: JobHandlers,
  concurrency: number,
  logger: Logger,
  givenUp: GivenUpHandlers = {},
) {
  const missing = JOB_NAMES.filter((name) => typeof handlers[name] !== 'function');
  if (missing.length > 0) throw new Error(`no handler for job(s): ${missing.join(', ')}`);
  for (const name of JOB_NAMES) {
    const handler = handlers[name] as JobHandler<JobName>;
    const onGivenUp = givenUp[name] as GivenUpHandler<JobName> | undefined;
    const run: JobHandler<JobName> = async (data, context) => {
      const started = performance.now();
      try {
        await handler(data, context);
        logger.info(
          { job: name, jobId: context.jobId, ms: Math.round(performance.now() - started) },
          'job done',
        );
      } catch (error) {
        const { signal, ...job } = context;
        if (signal.reason instanceof LeaseLost)
          logger.warn({ job: name, ...job }, 'job lost its lease; stopped');
        else if (signal.aborted)
          logger.info({ job: name, ...job }, 'job stopped with the worker; handed back');
        else logger.error({ err: error, job: name, ...job }, 'job failed');
        throw error;
      }
    };
    await queue.work(name, concurrency, run, onGivenUp);
  }
  logger.info({ jobs: JOB_NAMES, concurrency }, 'worker started');
}
