// Starts a handler for every job name; refuses to start if one is missing.
import type { Logger } from 'pino';
import { JOB_NAMES, type JobName } from '../adapters/queue/job-definitions.js';
import type { JobHandler, JobQueue } from '../adapters/queue/job-queue.js';

export type JobHandlers = { [N in JobName]: JobHandler<N> };

export async function startWorker(
  queue: JobQueue,
  handlers: JobHandlers,
  concurrency: number,
  logger: Logger,
) {
  const missing = JOB_NAMES.filter((name) => typeof handlers[name] !== 'function');
  if (missing.length > 0) throw new Error(`no handler for job(s): ${missing.join(', ')}`);
  for (const name of JOB_NAMES) {
    const handler = handlers[name] as JobHandler<JobName>;
    await queue.work(name, concurrency, async (data, context) => {
      const started = performance.now();
      try {
        await handler(data, context);
        logger.info(
          { job: name, jobId: context.jobId, ms: Math.round(performance.now() - started) },
          'job done',
        );
      } catch (error) {
        const { signal, ...job } = context;
        if (signal.aborted) logger.info({ job: name, ...job }, 'job stopped with the worker; handed back');
        else logger.error({ err: error, job: name, ...job }, 'job failed');
        throw error;
      }
    });
  }
  logger.info({ jobs: JOB_NAMES, concurrency }, 'worker started');
}
