// A notification: a followed channel published or went live, someone replied to my comment, or my report
// was acted on.
import type { ReportKind, ReportOutcome } from './moderation.js';

export type NotificationKind = 'new_video' | 'went_live' | 'comment_reply' | 'report_outcome';

interface NotificationCommon {
  id: string;
  createdAt: Date;
  read: boolean;
}

export interface VideoNotification extends NotificationCommon {
  kind: 'new_video' | 'went_live' | 'comment_reply';
  video: { id: string; title: string };
  /** The channel that published or went live, or whose owner replied. */
  actor: { handle: string; displayName: string; avatarKey: string | null };
  /** The reply, for a reply. */
  commentBody: string | null;
}

/** How moderators closed my report; no link, as what it reported may be gone. */
export interface ReportOutcomeNotification extends NotificationCommon {
  kind: 'report_outcome';
  report: { kind: ReportKind; outcome: ReportOutcome; subject: string | null };
}

export type Notification = VideoNotification | ReportOutcomeNotification;
