// The worker's side of job leases: a running job's lease is renewed while it runs, and every worker sweeps
// for running jobs whose lease ran out (their worker was lost) and hands them to another worker within a
// lease and a sweep, however long the job's own expiry.
import type { Kysely } from 'kysely';
import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { isDatabaseAway } from '../db/outage.js';
import type { Database } from '../db/schema.js';
import type { JobName, JobPayloads } from './job-definitions.js';
import { JobLeases, type LapsedJob } from './job-leases.js';
import { transactionConnection } from './pg-boss-connections.js';

/** Told of a leased job whose worker was lost on its last attempt: nothing will run it again. */
export type GivenUpHandler<N extends JobName> = (data: JobPayloads[N]) => Promise<void>;

/** The reason a job is aborted when its lease was found run out: another worker has it now. */
export class LeaseLost extends Error {
  constructor(jobId: string) {
    super(`job ${jobId} lost its lease; another worker takes it`);
    this.name = 'LeaseLost';
  }
}

export class LeasedJobs {
  private readonly leases: JobLeases;
  private readonly sweepers: NodeJS.Timeout[] = [];

  constructor(
    private readonly boss: PgBoss,
    private readonly db: Kysely<Database>,
    private readonly logger: Logger,
  ) {
    this.leases = new JobLeases(db);
  }

  /**
   * Takes a fetched job's lease and renews it until the timer is cleared; aborts the job if the lease is
   * lost. Null when the job is not this worker's to run.
   */
  async keep(jobId: string, seconds: number, controller: AbortController): Promise<NodeJS.Timeout | null> {
    const taken = await this.leases.take(jobId, seconds).catch((error: unknown) => {
      // Never leased, the attempt counts as lapsed from its start: a sweep hands it on.
      this.logger.warn({ err: error, jobId }, 'job lease not taken; left to the sweep');
      return false;
    });
    if (!taken) return null;
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

  /**
   * Every third of a lease (and at once): hands every lapsed job of the queue to another worker. After
   * the database was away, leases that ran out meanwhile may be those of live workers that could not
   * renew them either: they get a whole lease from its return to do so, and keep their work.
   */
  startSweeping<N extends JobName>(name: N, seconds: number, onGivenUp?: GivenUpHandler<N>): void {
    let away = false;
    let renewalsUntil = 0;
    const sweep = async () => {
      const lapsed = await this.leases.lapsed(name, seconds);
      if (away) renewalsUntil = Date.now() + seconds * 1000;
      away = false;
      if (Date.now() < renewalsUntil) return;
      for (const job of lapsed) await this.handBack(name, job, seconds, onGivenUp);
      await this.leases.forgetEnded();
    };
    const sweepLogged = () =>
      void sweep().catch((error: unknown) => {
        away ||= isDatabaseAway(error);
        this.logger.warn({ err: error, queue: name }, 'lease sweep failed');
      });
    sweepLogged();
    this.sweepers.push(setInterval(sweepLogged, (seconds * 1000) / 3));
  }

  stopSweeping(): void {
    for (const sweeper of this.sweepers.splice(0)) clearInterval(sweeper);
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
