// The queue as administrators see it, read straight from pg-boss's job table: how many jobs of each name
// wait, run and failed; the failed ones, newest first; and a failed job sent back for one more attempt,
// the way pg-boss's own retry does (one attempt added to its limit), in a transaction of ours.
import { type Kysely, sql } from 'kysely';
import type { FailedJob, JobCounts } from '../../domain/jobs.js';
import type { PagePosition } from '../../domain/page.js';
import type { InTransaction } from '../db/in-transaction.js';
import { rowsAfter } from '../db/keyset.js';
import type { Database } from '../db/schema.js';
import { JOB_NAMES } from './job-definitions.js';

/** A failed job sent back: what it was, for the work that joins its retry. */
export interface RetriedJob {
  name: string;
  data: Record<string, unknown>;
}

interface FailedRow {
  id: string;
  name: string;
  video_id: string | null;
  error: string | null;
  failed_at: Date;
  retry_count: number;
}

export class JobBoard {
  constructor(private readonly db: Kysely<Database>) {}

  /** Every job name, with zeros where none are in the table. */
  async counts(): Promise<JobCounts[]> {
    const { rows } = await sql<{ name: string; waiting: string; active: string; failed: string }>`
      SELECT name,
        count(*) FILTER (WHERE state IN ('created', 'retry')) AS waiting,
        count(*) FILTER (WHERE state = 'active') AS active,
        count(*) FILTER (WHERE state = 'failed') AS failed
      FROM pgboss.job WHERE state IN ('created', 'retry', 'active', 'failed') GROUP BY name`.execute(this.db);
    const found = new Map(rows.map((row) => [row.name, row]));
    return JOB_NAMES.map((name) => {
      const row = found.get(name);
      return {
        name,
        waiting: Number(row?.waiting ?? 0),
        active: Number(row?.active ?? 0),
        failed: Number(row?.failed ?? 0),
      };
    });
  }

  /** Newest failure first, keyset-paged on (failed at, id). */
  async failed(limit: number, after?: PagePosition): Promise<FailedJob[]> {
    const beyond = after ? sql`AND ${rowsAfter(['completed_on', 'id'], [after.at, after.id])}` : sql``;
    const { rows } = await sql<FailedRow>`
      SELECT id, name, data->>'videoId' AS video_id,
        coalesce(output->>'message', output->>'value') AS error,
        completed_on AS failed_at, retry_count
      FROM pgboss.job WHERE state = 'failed' ${beyond}
      ORDER BY completed_on DESC, id DESC LIMIT ${limit}`.execute(this.db);
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      videoId: row.video_id,
      error: row.error,
      failedAt: row.failed_at,
      attempts: row.retry_count + 1,
    }));
  }

  /** A failed job as it is, or undefined when no failed job has this id. */
  async failedJob(id: string): Promise<RetriedJob | undefined> {
    const { rows } = await sql<RetriedJob>`
      SELECT name, data FROM pgboss.job WHERE id = ${id} AND state = 'failed'`.execute(this.db);
    return rows[0];
  }

  /**
   * Sends a failed job back to the queue, with `alongside` in the same transaction; false when it was no
   * longer failed (retried by someone else meanwhile).
   */
  async retry(id: string, alongside: InTransaction): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const { rows } = await sql`
        UPDATE pgboss.job SET state = 'retry', retry_limit = retry_limit + 1
        WHERE id = ${id} AND state = 'failed' RETURNING id`.execute(trx);
      if (rows.length === 0) return false;
      await alongside(trx);
      return true;
    });
  }
}
