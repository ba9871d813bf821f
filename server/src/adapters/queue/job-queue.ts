// pg-boss in the platform's own database: jobs commit or roll back with the transaction that sends them.
// Stopping gives running jobs a grace period, then hands those still running back to the queue at once.
import { setTimeout as sleep } from 'node:timers/promises';
import { CompiledQuery, type Kysely } from 'kysely';
import type pg from 'pg';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { QueueDatabase } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { JOB_DEFINITIONS, JOB_NAMES, type JobName, type JobPayloads } from './job-definitions.js';

export interface QueueTuning {
  /** How often pg-boss expires stalled jobs and deletes old ones; tests lower it. */
  maintenanceIntervalSeconds: number;
  pollingIntervalSeconds: number;
  /** Settings from configuration that replace a job's defaults. */
  overrides?: Partial<Record<JobName, Partial<Omit<PgBoss.Queue, 'name'>>>>;
}

export interface JobContext {
  jobId: string;
  /** 0 on the first attempt. */
  retryCount: number;
  retryLimit: number;
  /** Aborted when the worker stops before the job ends: stop the work and throw, and it is handed back. */
  signal: AbortSignal;
}

interface RunningJob {
  controller: AbortController;
  finished: Promise<unknown>;
}

export type JobHandler<N extends JobName> = (data: JobPayloads[N], context: JobContext) => Promise<void>;

export class JobQueue {
  private readonly running = new Set<RunningJob>();

  private constructor(private readonly boss: PgBoss) {}

  static async start(database: QueueDatabase, logger: Logger, tuning: QueueTuning): Promise<JobQueue> {
    const boss = new PgBoss({
      ...(database.kind === 'own-pool'
        ? { ...(database.connection as PgBoss.DatabaseOptions), max: 4, application_name: 'vidstream-queue' }
        : { db: poolConnection(database.pool) }),
      maintenanceIntervalSeconds: tuning.maintenanceIntervalSeconds,
      pollingIntervalSeconds: tuning.pollingIntervalSeconds,
    });
    boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
    await boss.start();
    for (const name of JOB_NAMES) {
      const definition = JOB_DEFINITIONS[name];
      const options = { name, ...definition.queue, ...tuning.overrides?.[name] };
      // createQueue leaves an existing queue as it was: update it so configuration changes apply.
      await boss.createQueue(name, options);
      await boss.updateQueue(name, options);
      if (definition.schedule) await boss.schedule(name, definition.schedule, {});
    }
    return new JobQueue(boss);
  }

  /** Enqueues a job; given a transaction, the job exists only if that transaction commits. */
  async send<N extends JobName>(
    name: N,
    data: JobPayloads[N],
    transaction?: Kysely<Database>,
  ): Promise<string> {
    const options: PgBoss.SendOptions = transaction ? { db: transactionConnection(transaction) } : {};
    const id = await this.boss.send(name, data, options);
    if (id === null) throw new Error(`job ${name} was not enqueued`);
    return id;
  }

  async work<N extends JobName>(name: N, concurrency: number, handler: JobHandler<N>): Promise<void> {
    const runJobs = async (jobs: PgBoss.JobWithMetadata<JobPayloads[N]>[]) => {
      for (const job of jobs) {
        const controller = new AbortController();
        const context = { jobId: job.id, retryCount: job.retryCount, retryLimit: job.retryLimit };
        const finished = handler(job.data, { ...context, signal: controller.signal });
        const running = { controller, finished: finished.catch(() => undefined) };
        this.running.add(running);
        try {
          await finished;
        } catch (error) {
          if (!controller.signal.aborted) throw error;
          // Back to `created`, as if never taken: no attempt used, no retry delay, no expiry to wait for.
          // pg-boss then finds the job no longer active and leaves it so.
          await this.boss.cancel(name, job.id);
          await this.boss.resume(name, job.id);
        } finally {
          this.running.delete(running);
        }
      }
    };
    // pg-boss 10 has no per-worker concurrency option: each poller holds at most one job at a time.
    for (let poller = 0; poller < concurrency; poller += 1) {
      await this.boss.work<JobPayloads[N]>(name, { batchSize: 1, includeMetadata: true }, runJobs);
    }
  }

  /** Jobs waiting to be taken, per queue. */
  depths(): Promise<Record<JobName, number>> {
    return this.countJobs('active');
  }

  /** Jobs waiting or running, per queue: the work a pool of workers still has to do. */
  outstanding(): Promise<Record<JobName, number>> {
    return this.countJobs('completed');
  }

  /** Jobs in a state before `before` (created, retry, then active), per queue. */
  private async countJobs(before: 'active' | 'completed'): Promise<Record<JobName, number>> {
    const sizes = await Promise.all(JOB_NAMES.map((name) => this.boss.getQueueSize(name, { before })));
    return Object.fromEntries(JOB_NAMES.map((name, index) => [name, sizes[index] ?? 0])) as Record<
      JobName,
      number
    >;
  }

  async ping(): Promise<void> {
    await this.boss.getQueueSize(JOB_NAMES[0] as JobName);
  }

  /**
   * Takes no new jobs; running ones get `graceMs` to finish, then are aborted and handed back to the queue,
   * so another worker takes them up at once instead of after their expiry.
   */
  async stop(graceMs: number): Promise<void> {
    const stopped = this.boss.stop({ graceful: true, timeout: graceMs + HAND_BACK_MS, wait: true });
    if (this.running.size > 0) {
      const finished = Promise.all([...this.running].map((job) => job.finished));
      // Unreferenced: the jobs keep the process alive while they run, the timer alone does not.
      await Promise.race([finished, sleep(graceMs, undefined, { ref: false })]);
      for (const job of this.running) job.controller.abort();
    }
    await stopped;
  }
}

/** How long aborted jobs get to clean up and be handed back before pg-boss fails what is left. */
const HAND_BACK_MS = 30_000;

function poolConnection(pool: pg.Pool): PgBoss.Db {
  return {
    executeSql: async (text, values) => ({ rows: (await pool.query(text, values)).rows }),
  };
}

function transactionConnection(transaction: Kysely<Database>): PgBoss.Db {
  return {
    executeSql: async (text, values) => {
      const result = await transaction.executeQuery(CompiledQuery.raw(text, values));
      return { rows: result.rows as unknown[] as object[] };
    },
  };
}
