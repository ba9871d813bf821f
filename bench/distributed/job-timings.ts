// A video's transcode jobs as pg-boss recorded them (pgboss.job: created, started, completed), the only
// account of a run this benchmark trusts besides the API: which worker ran what, and how the lead job
// splits its work, may change, but each job's row stays.
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

export interface JobTiming {
  id: string;
  /** The video's own job (one pass, or the split), or one part of a chunked transcode. */
  kind: 'video' | 'chunk' | 'audio' | 'extras';
  index?: number;
  /** Epoch milliseconds, from PostgreSQL's clock (the same machine's). */
  createdAt: number;
  startedAt: number;
  completedAt: number;
  ranSeconds: number;
  /** From the moment a worker was free for it (or it was created, if later) until one took it. */
  waitedSeconds: number;
  retries: number;
}

export interface VideoJobs {
  /** Jobs that ran to the end, in the order they started. */
  completed: JobTiming[];
  /** Attempts ended because their worker's lease ran out; each was queued again as a new job. */
  handedBack: number;
  /** Every job's id with what it was, for naming jobs in logs. */
  names: Map<string, string>;
}

interface JobRow {
  id: string;
  part: { kind: 'chunk' | 'audio' | 'extras'; index?: number } | null;
  state: string;
  retries: number;
  created: number;
  started: number | null;
  completed: number | null;
}

async function jobRows(databaseUrl: string, videoId: string): Promise<JobRow[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<JobRow>(
      `SELECT id, data->'part' AS part, state::text AS state, retry_count AS retries,
              extract(epoch FROM created_on) * 1000 AS created,
              extract(epoch FROM started_on) * 1000 AS started,
              extract(epoch FROM completed_on) * 1000 AS completed
       FROM pgboss.job WHERE name = 'transcode-video' AND data->>'videoId' = $1`,
      [videoId],
    );
    return rows.map((row) => ({
      ...row,
      created: Number(row.created),
      started: row.started === null ? null : Number(row.started),
      completed: row.completed === null ? null : Number(row.completed),
    }));
  } finally {
    await client.end();
  }
}

/** Waits until none of the video's jobs waits or runs (a part may still clean up after `ready`). */
export async function waitUntilJobsSettle(databaseUrl: string, videoId: string): Promise<void> {
  for (;;) {
    const rows = await jobRows(databaseUrl, videoId);
    if (rows.length > 0 && rows.every((row) => row.completed !== null)) return;
    await sleep(250);
  }
}

/**
 * The video's jobs. A job's wait is estimated by replaying the run on `workers` slots: each job goes to
 * the slot freed most recently before it started, and waited from then (or from its creation, if later).
 * That is the shortest wait the rows allow: queue pickup, not backlog. A retried job's wait holds its
 * retry delay, and its run time only its last attempt.
 */
export async function videoJobs(databaseUrl: string, videoId: string, workers: number): Promise<VideoJobs> {
  const rows = await jobRows(databaseUrl, videoId);
  const failed = rows.find((row) => row.state !== 'completed' && row.state !== 'cancelled');
  if (failed) throw new Error(`a transcode job of ${videoId} ended ${failed.state}`);
  const completed = rows.filter((row) => row.state === 'completed');
  completed.sort((a, b) => (a.started ?? 0) - (b.started ?? 0));
  const freeAt = Array.from({ length: workers }, () => Number.NEGATIVE_INFINITY);
  const timings = completed.map((row): JobTiming => {
    const startedAt = row.started as number;
    const completedAt = row.completed as number;
    const free = freeAt.map((at, slot) => ({ at, slot })).filter(({ at }) => at <= startedAt);
    const slot = free.sort((a, b) => b.at - a.at)[0] ?? { at: startedAt, slot: 0 };
    freeAt[slot.slot] = completedAt;
    return {
      id: row.id,
      kind: row.part?.kind ?? 'video',
      index: row.part?.index,
      createdAt: row.created,
      startedAt,
      completedAt,
      ranSeconds: (completedAt - startedAt) / 1000,
      waitedSeconds: (startedAt - Math.max(row.created, slot.at)) / 1000,
      retries: row.retries,
    };
  });
  const names = new Map(
    rows.map((row) => [row.id, describeJob({ kind: row.part?.kind ?? 'video', index: row.part?.index })]),
  );
  return { completed: timings, handedBack: rows.length - completed.length, names };
}

export function describeJob(job: Pick<JobTiming, 'kind' | 'index'>): string {
  if (job.kind === 'chunk') return `chunk ${job.index}`;
  return job.kind === 'video' ? "the video's job" : job.kind;
}
