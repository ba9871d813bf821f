// pg-boss in the platform's own database: jobs commit or roll back with the transaction that sends them.
// Stopping gives running jobs a grace period, then hands those still running back to the queue at once.
// A leased queue's running job is renewed while it runs; one whose worker was lost goes to another worker
// within a lease and a sweep, however long the job's own expiry.
import { setTimeout as sleep } from 'node:timers/promises';
import { CompiledQuery, type Kysely, sql } from 'kysely';
import type pg from 'pg';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { QueueDatabase } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { fairTurn } from './fair-turns.js';
import { JOB_DEFINITIONS, JOB_NAMES, type JobName, type JobPayloads } from './job-definitions.js';
import { JobLeases, type LapsedJob } from './job-leases.js';
import { oneProcessAtATime } from './queue-setup-lock.js';

export interface QueueTuning {
  /** How often pg-boss expires stalled jobs and deletes old ones; tests lower it. */
  maintenanceIntervalSeconds: number;
  pollingIntervalSeconds: number;
  /** Settings from configuration that replace a job's defaults. */
  overrides?: Partial<Record<JobName, Partial<Omit<PgBoss.Queue, 'name'>>>>;
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

/** Told of a leased job whose worker was lost on its last attempt: nothing will run it again. */
export type GivenUpHandler<N extends JobName> = (data: JobPayloads[N]) => Promise<void>;

/** The reason a job is aborted when its lease was found run out: another worker has it now. */
export class LeaseLost extends Error {
  constructor(jobId: string) {
    super(`job ${jobId} lost its lease; another worker takes it`);
    this.name = 'LeaseLost';
  }
}

export class JobQueue {
  private readonly running = new Set<RunningJob>();
  private readonly sweepers: NodeJS.Timeout[] = [];
  private readonly leases: JobLeases;

  private constructor(
    private readonly boss: PgBoss,
    private readonly db: Kysely<Database>,
    private readonly logger: Logger,
    private readonly leaseSeconds: Partial<Record<JobName, number>> = {},
  ) {
    this.leases = new JobLeases(db);
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
        if (definition.schedule) await boss.schedule(name, definition.schedule, {});
      }
    });
    return new JobQueue(boss, db, logger, tuning.leaseSeconds);
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
    const runJobs = async (jobs: PgBoss.JobWithMetadata<JobPayloads[N]>[]) => {
      for (const job of jobs) {
        const controller = new AbortController();
        const lease = leaseSeconds ? await this.keepLease(job.id, leaseSeconds, controller) : undefined;
        if (lease === null) continue; // handed to another worker already: not this one's to run
        const context = { jobId: job.id, retryCount: job.retryCount, retryLimit: job.retryLimit };
        const finished = handler(job.data, { ...context, signal: controller.signal });
        const running = { controller, finished: finished.catch(() => undefined) };
        this.running.add(running);
        try {
          await finished;
        } catch (error) {
          // Lost its lease: the job is another worker's now, and pg-boss's `fail` finds it cancelled.
          if (!controller.signal.aborted || controller.signal.reason instanceof LeaseLost) throw error;
          // Back to `created`, as if never taken: no attempt used, no retry delay, no expiry to wait for.
          // pg-boss then finds the job no longer active and leaves it so.
          await this.boss.cancel(name, job.id);
          await this.boss.resume(name, job.id);
        } finally {
          clearInterval(lease);
          this.running.delete(running);
        }
      }
    };
    if (leaseSeconds) this.startSweeping(name, leaseSeconds, onGivenUp);
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
    for (const sweeper of this.sweepers.splice(0)) clearInterval(sweeper);
    const stopped = this.boss.stop({ graceful: true, timeout: graceMs + HAND_BACK_MS, wait: true });
    if (this.running.size > 0) {
      const finished = Promise.all([...this.running].map((job) => job.finished));
      // Unreferenced: the jobs keep the process alive while they run, the timer alone does not.
      await Promise.race([finished, sleep(graceMs, undefined, { ref: false })]);
      for (const job of this.running) job.controller.abort();
    }
    await stopped;
  }

  /**
   * Takes a fetched job's lease and renews it until the timer is cleared; aborts the job if the lease is
   * lost. Null when the job was no longer this worker's to take.
   */
  private async keepLease(jobId: string, seconds: number, controller: AbortController) {
    if (!(await this.leases.take(jobId, seconds))) return null;
    return setInterval(
      () => {
        this.leases.renew(jobId, seconds).then(
          (held) => held || controller.abort(new LeaseLost(jobId)),
          // The database away for a moment: keep working; the next renewal may reach it in time.
          (error: unknown) => this.logger.warn({ err: error, jobId }, 'job lease not renewed; will retry'),
        );
      },
      (seconds * 1000) / 3,
    );
  }

  /** Every third of a lease (and at once): hands every lapsed job of the queue to another worker. */
  private startSweeping<N extends JobName>(name: N, seconds: number, onGivenUp?: GivenUpHandler<N>): void {
    const sweep = async () => {
      for (const job of await this.leases.lapsed(name, seconds))
        await this.handBack(name, job, seconds, onGivenUp);
      await this.leases.forgetEnded();
    };
    const sweepLogged = () =>
      void sweep().catch((error: unknown) =>
        this.logger.warn({ err: error, queue: name }, 'lease sweep failed'),
      );
    sweepLogged();
    this.sweepers.push(setInterval(sweepLogged, (seconds * 1000) / 3));
  }

  /**
   * Ends a lapsed attempt and, in the same transaction, enqueues the job again with the attempts it has
   * left (the lost one counts, so a job that kills its workers ends). Past its last attempt, the job is
   * given up: its owner is told first, so that a sweep interrupted here is simply done again.
   */
  private async handBack<N extends JobName>(
    name: N,
    job: LapsedJob,
    seconds: number,
    onGivenUp?: GivenUpHandler<N>,
  ): Promise<void> {
    const attemptsLeft = job.retryLimit - job.retryCount - 1;
    const data = job.data as JobPayloads[N];
    if (attemptsLeft < 0) await onGivenUp?.(data);
    const replacement = await this.db.transaction().execute(async (trx) => {
      if (!(await this.leases.cancelLapsed(job.id, seconds, trx))) return undefined;
      if (attemptsLeft < 0) return null;
      return this.boss.send(name, data, {
        retryLimit: attemptsLeft,
        ...job.turn, // its place in line is kept
        db: transactionConnection(trx),
      });
    });
    if (replacement === undefined) return; // renewed meanwhile, or another worker's sweep was first
    this.logger.warn(
      { queue: name, jobId: job.id, replacement, attemptsLeft: Math.max(attemptsLeft, 0) },
      replacement
        ? 'worker lost: its job is handed to another'
        : 'worker lost on the last attempt: job given up',
    );
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
