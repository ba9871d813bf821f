// What moderators do: read the queue of reported items, dismiss an item's reports, hide or show a video,
// remove a comment. Each action closes the open reports on its item with its outcome and is written to the
// audit log, both in the action's own transaction, so no action is ever missing from the log.
import type { AuditLogRepository } from '../../adapters/db/audit-log.repository.js';
import type { CommentRepository } from '../../adapters/db/comment.repository.js';
import { inSequence } from '../../adapters/db/in-transaction.js';
import type { ReportRepository } from '../../adapters/db/report.repository.js';
import type { VideoRepository } from '../../adapters/db/video.repository.js';
import { NotFound } from '../../domain/errors.js';
import type { ReportedItem } from '../../domain/moderation.js';
import { type Page, readPage } from '../../domain/page.js';
import { type Actor, withPower } from '../../domain/roles.js';

export interface ModerationDeps {
  reports: ReportRepository;
  auditLog: AuditLogRepository;
  videos: VideoRepository;
  comments: CommentRepository;
}

export type VideoModeration = 'hidden' | 'visible';

export class ModerationService {
  constructor(private readonly deps: ModerationDeps) {}

  /** Open items, most reported first, then the oldest. */
  async queue(actor: Actor, limit: number, cursor?: string): Promise<Page<ReportedItem>> {
    withPower(actor, 'moderate');
    return readPage(
      cursor,
      limit,
      (count, after) => this.deps.reports.queue(count, after),
      (item) => ({ at: item.firstReportedAt, id: item.id, rank: item.reportCount }),
      'uuid',
    );
  }

  /** Closes the item's open reports, leaving what they report as it is. */
  async dismiss(actor: Actor, reportedItemId: string, reason: string | null): Promise<void> {
    withPower(actor, 'moderate');
    const closed = await this.deps.reports.closeItem(reportedItemId, 'dismissed', (target, trx) =>
      this.deps.auditLog.record({
        actorId: actor.id,
        action: 'dismissed',
        targetKind: target.kind,
        targetId: target.itemId,
        reason,
        details: {},
      })(trx),
    );
    if (!closed) throw new NotFound('reports_not_found', 'No open reports with this id');
  }

  /**
   * A hidden video is gone at once for everyone but its owner and moderators, its media URLs handed out
   * with it (the same withdrawal as making it private); showing it again gives it back to the lists.
   */
  async moderateVideo(actor: Actor, videoId: string, state: VideoModeration, reason: string): Promise<void> {
    withPower(actor, 'moderate');
    const video = await this.deps.videos.findById(videoId);
    if (!video || video.state === 'deleted') throw new NotFound('video_not_found', 'No such video');
    const outcome = state === 'hidden' ? 'video_hidden' : 'video_shown';
    const record = inSequence(
      this.deps.reports.closeOpenOn({ kind: 'video', itemId: videoId }, outcome),
      this.deps.auditLog.record({
        actorId: actor.id,
        action: outcome,
        targetKind: 'video',
        targetId: videoId,
        reason,
        details: { title: video.title },
      }),
    );
    if (!(await this.deps.videos.setHidden(videoId, state === 'hidden', record)))
      throw new NotFound('video_not_found', 'No such video');
  }

  /** Any comment, whoever wrote it; the log keeps its text. */
  async removeComment(actor: Actor, commentId: string, reason: string | null): Promise<void> {
    withPower(actor, 'moderate');
    const comment = await this.deps.comments.find(commentId);
    if (!comment || comment.deletedAt !== null) throw new NotFound('comment_not_found', 'No such comment');
    const record = inSequence(
      this.deps.reports.closeOpenOn({ kind: 'comment', itemId: commentId }, 'comment_removed'),
      this.deps.auditLog.record({
        actorId: actor.id,
        action: 'comment_removed',
        targetKind: 'comment',
        targetId: commentId,
        reason,
        details: { body: comment.body },
      }),
    );
    if (!(await this.deps.comments.delete(commentId, record)))
      throw new NotFound('comment_not_found', 'No such comment');
  }
}
