// Leases on running jobs, beside pg-boss's own job rows. The worker running a leased job renews its lease
// while it works; a job whose lease ran out (its worker was killed, or lost its database) is found by the
// sweep that every worker runs. A lease belongs to one attempt: pg-boss's `started_on` tells them apart.
// Times are the database's `now()`, so the workers' clocks never matter.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';

export interface LapsedJob {
  id: string;
  data: object;
  retryCount: number;
  retryLimit: number;
  turn: { priority: number; singletonKey?: string };
}

interface LapsedRow {
  id: string;
  data: object;
  retry_count: number;
  retry_limit: number;
  priority: number;
  singleton_key: string | null;
}

export class JobLeases {
  constructor(private readonly db: Kysely<Database>) {}

  /** Leases the attempt of a job just fetched; false when the job is no longer active. */
  async take(jobId: string, seconds: number): Promise<boolean> {
    const { rows } = await sql`
      INSERT INTO job_leases (job_id, attempt_started_on, expires_at)
      SELECT id, started_on, now() + make_interval(secs => ${seconds})
      FROM pgboss.job WHERE id = ${jobId} AND state = 'active'
      ON CONFLICT (job_id) DO UPDATE
        SET attempt_started_on = excluded.attempt_started_on, expires_at = excluded.expires_at
      RETURNING job_id`.execute(this.db);
    return rows.length === 1;
  }

  /** Extends a lease; false when its attempt lost it (the job was handed to another worker). */
  async renew(jobId: string, seconds: number): Promise<boolean> {
    const { rows } = await sql`
      UPDATE job_leases AS l SET expires_at = now() + make_interval(secs => ${seconds})
      FROM pgboss.job AS j
      WHERE l.job_id = ${jobId} AND j.id = l.job_id AND j.state = 'active'
        AND j.started_on = l.attempt_started_on
      RETURNING l.job_id`.execute(this.db);
    return rows.length === 1;
  }

  /**
   * Running jobs of a queue whose lease ran out. An attempt without a lease of its own (its worker died
   * between fetching it and taking the lease) has one that ran from its start.
   */
  async lapsed(queue: string, seconds: number): Promise<LapsedJob[]> {
    const { rows } = await sql<LapsedRow>`
      SELECT j.id, j.data, j.retry_count, j.retry_limit, j.priority, j.singleton_key FROM pgboss.job AS j
      WHERE j.name = ${queue} AND j.state = 'active' AND ${leaseRanOut(seconds)}`.execute(this.db);
    return rows.map((row) => ({
      id: row.id,
      data: row.data,
      retryCount: row.retry_count,
      retryLimit: row.retry_limit,
      turn: {
        priority: row.priority,
        ...(row.singleton_key !== null && { singletonKey: row.singleton_key }),
      },
    }));
  }

  /**
   * Ends a lapsed attempt as pg-boss's `cancel` would, if its lease has still run out: true when this call
   * ended it. A late `complete` or `fail` from its worker then finds it cancelled and changes nothing.
   */
  async cancelLapsed(jobId: string, seconds: number, db: Kysely<Database> = this.db): Promise<boolean> {
    const { rows } = await sql`
      UPDATE pgboss.job AS j SET state = 'cancelled', completed_on = now()
      WHERE j.id = ${jobId} AND j.state = 'active' AND ${leaseRanOut(seconds)}
      RETURNING j.id`.execute(db);
    return rows.length === 1;
  }

  /** Forgets the leases of jobs no longer running (finished, handed back, or archived by pg-boss). */
  async forgetEnded(): Promise<void> {
    await sql`
      DELETE FROM job_leases AS l WHERE NOT EXISTS (
        SELECT 1 FROM pgboss.job AS j WHERE j.id = l.job_id AND j.state = 'active')`.execute(this.db);
  }
}

/** Whether the running attempt `j` (a pgboss.job row) holds no lease that is still valid. */
function leaseRanOut(seconds: number) {
  return sql`coalesce(
    (SELECT l.expires_at FROM job_leases AS l WHERE l.job_id = j.id AND l.attempt_started_on = j.started_on),
    j.started_on + make_interval(secs => ${seconds})) < now()`;
}
