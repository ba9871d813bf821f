// Reports: anyone signed in reports a video, a comment or a channel they can see, once while their report
// is open. Whoever cannot see a thing cannot report it: it is "not found" to them, as everywhere else.
import type { ReportRepository } from '../../adapters/db/report.repository.js';
import { NotFound } from '../../domain/errors.js';
import { UUID } from '../../domain/ids.js';
import { type ReportKind, type ReportReason, reportSubject } from '../../domain/moderation.js';
import type { ChannelService } from '../channel.service.js';
import type { CommentService } from '../comment.service.js';
import type { VideoService } from '../videos/video.service.js';

export interface ReportDeps {
  reports: ReportRepository;
  videos: VideoService;
  comments: CommentService;
  channels: ChannelService;
}

export interface Report {
  kind: ReportKind;
  id: string;
  reason: ReportReason;
  details?: string;
}

export class ReportService {
  constructor(private readonly deps: ReportDeps) {}

  async file(reporterId: string, { kind, id, reason, details }: Report): Promise<void> {
    const subject = reportSubject(await this.seenBy(reporterId, kind, id));
    const text = details?.trim() || null;
    await this.deps.reports.file({ kind, itemId: id, reporterId, reason, details: text, subject });
  }

  /**
   * What the reporter sees of the thing (its title, text or name); throws NotFound unless it exists and the
   * reporter may see it.
   */
  private async seenBy(viewerId: string, kind: ReportKind, id: string): Promise<string> {
    if (kind === 'video') return (await this.deps.videos.getForViewer(id, viewerId)).title;
    // Comments and channels have uuids: anything else names nothing.
    if (!UUID.test(id)) throw new NotFound(`${kind}_not_found`, `No such ${kind}`);
    if (kind === 'comment') return (await this.deps.comments.visible(id, viewerId)).comment.body;
    return (await this.deps.channels.getById(id)).displayName;
  }
}
