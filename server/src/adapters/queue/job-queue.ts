// pg-boss in the platform's own database: jobs commit or roll back with the transaction that sends them.
// Stopping gives running jobs a grace period, then hands those still running back to the queue at once.
// A leased queue's running jobs hold leases (leased-jobs.ts): a lost worker's job goes to another worker.
import { setTimeout as sleep } from 'node:timers/promises';
import { type Kysely, sql } from 'kysely';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { QueueDatabase } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { fairTurn } from './fair-turns.js';
import { JOB_DEFINITIONS, JOB_NAMES, type JobName, type JobPayloads } from './job-definitions.js';
import { pollJobs, recordOutcome } from './job-poller.js';
import { type GivenUpHandler, LeasedJobs, LeaseLost } from './leased-jobs.js';
import { poolConnection, transactionConnection } from './pg-boss-connections.js';
import { oneProcessAtATime } from './queue-setup-lock.js';

export interface QueueTuning {
  /** How often pg-boss expires stalled jobs and deletes old ones; tests lower it. */
  maintenanceIntervalSeconds: number;
  pollingIntervalSeconds: number;
  /** Settings from configuration that replace a job's defaults. */
  overrides?: Partial<Record<JobName, Partial<Omit<PgBoss.Queue, 'name'>>>>;
  /** Cron expressions from configuration that replace a scheduled job's. */
  schedules?: Partial<Record<JobName, string>>;
  /** Queues whose running jobs hold a lease of this many seconds, renewed every third of it. */
  leaseSeconds?: Partial<Record<JobName, number>>;
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
  private readonly pollers: Promise<void>[] = [];
  /** Aborted by `stop`: the pollers take no further job. */
  private readonly stopping = new AbortController();
  private readonly leased: LeasedJobs;

  private constructor(
    private readonly boss: PgBoss,
    private readonly db: Kysely<Database>,
    private readonly logger: Logger,
    private readonly pollingIntervalMs: number,
    private readonly leaseSeconds: Partial<Record<JobName, number>> = {},
  ) {
    this.leased = new LeasedJobs(boss, db, logger);
  }

  static async start(
    database: QueueDatabase,
    db: Kysely<Database>,
    logger: Logger,
    tuning: QueueTuning,
  ): Promise<JobQueue> {
    const boss = new PgBoss({
      ...(database.kind === 'own-pool'
        ? { ...(database.connection as PgBoss.DatabaseOptions), max: 4, application_name: 'vidstream-queue' }
        : { db: poolConnection(database.pool) }),
      maintenanceIntervalSeconds: tuning.maintenanceIntervalSeconds,
      pollingIntervalSeconds: tuning.pollingIntervalSeconds,
    });
    boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
    await oneProcessAtATime(database, db, async () => {
      await boss.start();
      for (const name of JOB_NAMES) {
        const definition = JOB_DEFINITIONS[name];
        const options = { name, ...definition.queue, ...tuning.overrides?.[name] };
        // createQueue leaves an existing queue as it was: update it so configuration changes apply.
        await boss.createQueue(name, options);
        await boss.updateQueue(name, options);
        const schedule = tuning.schedules?.[name] ?? definition.schedule;
        if (schedule) await boss.schedule(name, schedule, {});
      }
    });
    return new JobQueue(boss, db, logger, tuning.pollingIntervalSeconds * 1000, tuning.leaseSeconds);
  }

  /**
   * Enqueues a job; given a transaction, the job exists only if that transaction commits. Given a fair
   * group (an account), the job waits its group's turn: see fair-turns.ts.
   */
  async send<N extends JobName>(
    name: N,
    data: JobPayloads[N],
    transaction?: Kysely<Database>,
    fairGroup?: string,
  ): Promise<string> {
    const db = transaction ?? this.db;
    const turn = fairGroup === undefined ? {} : await fairTurn(db, name, fairGroup);
    const options: PgBoss.SendOptions = {
      ...turn,
      ...(transaction && { db: transactionConnection(transaction) }),
    };
    const id = await this.boss.send(name, data, options);
    if (id === null) throw new Error(`job ${name} was not enqueued`);
    return id;
  }

  /**
   * Cancels a video's jobs of a queue that wait to be taken (a deleted video's transcode parts); given a
   * transaction, only if it commits. Running ones finish and find the video gone.
   */
  async cancelWaiting(name: JobName, videoId: string, transaction?: Kysely<Database>): Promise<void> {
    await sql`
      UPDATE pgboss.job SET state = 'cancelled', completed_on = now()
      WHERE name = ${name} AND state IN ('created', 'retry') AND data->>'videoId' = ${videoId}`.execute(
      transaction ?? this.db,
    );
  }

  /** Enqueues a job that no worker takes before `seconds` have passed. */
  async sendLater<N extends JobName>(name: N, data: JobPayloads[N], seconds: number): Promise<string> {
    const id = await this.boss.send(name, data, { startAfter: seconds });
    if (id === null) throw new Error(`job ${name} was not enqueued`);
    return id;
  }

  async work<N extends JobName>(
    name: N,
    concurrency: number,
    handler: JobHandler<N>,
    onGivenUp?: GivenUpHandler<N>,
  ): Promise<void> {
    const leaseSeconds = this.leaseSeconds[name];
    const { stopping, logger } = this;
    const recorded = (jobId: string, record: () => Promise<unknown>) =>
      recordOutcome(record, { queue: name, jobId, stopping: stopping.signal, logger });
    const runJob = async (job: PgBoss.JobWithMetadata<JobPayloads[N]>) => {
      const controller = new AbortController();
      const lease = leaseSeconds ? await this.leased.keep(job.id, leaseSeconds, controller) : undefined;
      if (lease === null) return; // not this worker's to run: handed on already, or left to the sweep
      const context = { jobId: job.id, retryCount: job.retryCount, retryLimit: job.retryLimit };
      const finished = handler(job.data, { ...context, signal: controller.signal });
      const running = { controller, finished: finished.catch(() => undefined) };
      this.running.add(running);
      try {
        await finished;
        await recorded(job.id, () => this.boss.complete(name, job.id));
      } catch (error) {
        // Lost its lease: the job is another worker's now, its attempt already ended by the sweep.
        if (controller.signal.reason instanceof LeaseLost) return;
        if (!controller.signal.aborted) {
          await recorded(job.id, () => this.boss.fail(name, job.id, error as object));
          return;
        }
        // Stopped with the worker: back to `created`, as if never taken: no attempt used, no retry
        // delay, no expiry to wait for.
        await recorded(job.id, async () => {
          await this.boss.cancel(name, job.id);
          await this.boss.resume(name, job.id);
        });
      } finally {
        clearInterval(lease);
        this.running.delete(running);
      }
    };
    if (leaseSeconds) this.leased.startSweeping(name, leaseSeconds, onGivenUp);
    // Each poller holds at most one job at a time.
    for (let poller = 0; poller < concurrency; poller += 1) {
      this.pollers.push(
        pollJobs({
          queue: name,
          fetch: async () =>
            (await this.boss.fetch<JobPayloads[N]>(name, { batchSize: 1, includeMetadata: true }))[0],
          run: runJob,
          intervalMs: Math.min(
            this.pollingIntervalMs,
            (JOB_DEFINITIONS[name].pollingSeconds ?? Infinity) * 1000,
          ),
          stopping: stopping.signal,
          logger,
        }),
      );
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
    this.leased.stopSweeping();
    this.stopping.abort();
    if (this.running.size > 0) {
      const finished = Promise.all([...this.running].map((job) => job.finished));
      // Unreferenced: the jobs keep the process alive while they run, the timer alone does not.
      await Promise.race([finished, sleep(graceMs, undefined, { ref: false })]);
      for (const job of this.running) job.controller.abort();
    }
    // Aborted jobs get a while to clean up and be handed back; one that ignores its signal is left running.
    await Promise.race([Promise.all(this.pollers), sleep(HAND_BACK_MS, undefined, { ref: false })]);
    await this.boss.stop({ graceful: false, wait: true });
  }
}

/** How long aborted jobs get to clean up and be handed back before the queue stops without them. */
const HAND_BACK_MS = 30_000;
