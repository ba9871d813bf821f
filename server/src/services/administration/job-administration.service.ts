// The background jobs for administrators: counts per job name, the failed jobs, and a retry of one, in the
// audit log. Retrying a video's failed transcode sends the video back to `queued` with it, so the job
// takes it up again.
import type { AuditLogRepository } from '../../adapters/db/audit-log.repository.js';
import { inSequence } from '../../adapters/db/in-transaction.js';
import type { VideoStateRepository } from '../../adapters/db/video-state.repository.js';
import type { JobBoard } from '../../adapters/queue/job-board.js';
import { Conflict, NotFound } from '../../domain/errors.js';
import type { FailedJob, JobCounts } from '../../domain/jobs.js';
import { type Page, readPage } from '../../domain/page.js';
import { type Actor, withPower } from '../../domain/roles.js';

export interface JobAdministrationDeps {
  board: JobBoard;
  auditLog: AuditLogRepository;
  videos: VideoStateRepository;
  /** Forgets cached copies of a video whose state a retry changed. */
  videoChanged: (videoId: string) => Promise<unknown>;
}

export class JobAdministrationService {
  constructor(private readonly deps: JobAdministrationDeps) {}

  async counts(actor: Actor): Promise<JobCounts[]> {
    withPower(actor, 'administer');
    return this.deps.board.counts();
  }

  async failed(actor: Actor, limit: number, cursor?: string): Promise<Page<FailedJob>> {
    withPower(actor, 'administer');
    return readPage(
      cursor,
      limit,
      (count, after) => this.deps.board.failed(count, after),
      (job) => ({ at: job.failedAt, id: job.id }),
      'uuid',
    );
  }

  async retry(actor: Actor, jobId: string, reason: string | null): Promise<void> {
    withPower(actor, 'administer');
    const { board, auditLog, videos } = this.deps;
    const job = await board.failedJob(jobId);
    if (!job) throw notFailed();
    const videoId = typeof job.data.videoId === 'string' ? job.data.videoId : undefined;
    const transcode = job.name === 'transcode-video' && videoId !== undefined;
    // A part's video failed as a whole and its other parts were withdrawn: one part alone cannot finish it.
    if (transcode && job.data.part !== undefined)
      throw new Conflict(
        'part_of_chunked_transcode',
        'This job is one part of a chunked transcode; upload the video again',
      );
    const record = auditLog.record({
      actorId: actor.id,
      action: 'job_retried',
      targetKind: 'job',
      targetId: jobId,
      reason,
      details: { job: job.name },
    });
    const retried = await board.retry(
      jobId,
      transcode ? inSequence(videos.requeueFailed(videoId), record) : record,
    );
    if (!retried) throw notFailed();
    if (transcode) await this.deps.videoChanged(videoId);
  }
}

function notFailed(): NotFound {
  return new NotFound('job_not_failed', 'No failed job has this id');
}
