// Reports and what moderators do about them: a reported item gathers every open report on one video,
// comment or channel; acting on it (or dismissing it) closes them all with the outcome; every action is
// written to the audit log.
import type { Role } from './roles.js';

export const REPORT_KINDS = ['video', 'comment', 'channel'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_REASONS = [
  'spam',
  'harassment',
  'hateful',
  'violent',
  'sexual',
  'misleading',
  'copyright',
  'other',
] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export const MAX_REPORT_DETAILS_LENGTH = 1_000;
export const MAX_MODERATION_REASON_LENGTH = 1_000;

export interface NewReport {
  kind: ReportKind;
  itemId: string;
  reporterId: string;
  reason: ReportReason;
  details: string | null;
  subject: string;
}

const MAX_REPORT_SUBJECT_LENGTH = 200;

/** What a report is about as its reporter will be reminded of it: a title, a name, a comment's start. */
export function reportSubject(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= MAX_REPORT_SUBJECT_LENGTH
    ? oneLine
    : `${oneLine.slice(0, MAX_REPORT_SUBJECT_LENGTH - 1).trimEnd()}…`;
}

/** How an item's reports were closed. */
export const REPORT_OUTCOMES = ['dismissed', 'video_hidden', 'video_shown', 'comment_removed'] as const;
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number];

/** What the queue shows of the item reported, as it is now; null once it is gone. */
export type ReportedContent =
  | { kind: 'video'; id: string; title: string; channelHandle: string; hidden: boolean }
  | { kind: 'comment'; id: string; body: string; videoId: string; videoTitle: string; authorHandle: string }
  | { kind: 'channel'; id: string; handle: string; displayName: string };

/** One item of the moderation queue: its open reports, gathered. */
export interface ReportedItem {
  id: string;
  kind: ReportKind;
  itemId: string;
  reportCount: number;
  reasons: ReportReason[];
  firstReportedAt: Date;
  content: ReportedContent | null;
}

export const AUDIT_ACTIONS = ['role_changed', ...REPORT_OUTCOMES] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What an action is about: the thing reported, or an account (a role change). */
export const AUDIT_TARGET_KINDS = [...REPORT_KINDS, 'account'] as const;
export type AuditTargetKind = (typeof AUDIT_TARGET_KINDS)[number];

export interface NewAuditEntry {
  /** Null for the command line (`vidstream admin grant`). */
  actorId: string | null;
  action: AuditAction;
  targetKind: AuditTargetKind;
  targetId: string;
  reason: string | null;
  /** What the action changed, as it was: a role before and after, a removed comment's text. */
  details: AuditDetails;
}

export type AuditDetails = { from?: Role; to?: Role; body?: string; title?: string };

export interface AuditEntry extends NewAuditEntry {
  id: string;
  actorHandle: string | null;
  createdAt: Date;
}
