// Reports, the moderation queue and the audit log as the API takes and shows them.
import { type Static, Type } from 'typebox';
import { TEXT_ID } from '../domain/ids.js';
import {
  AUDIT_ACTIONS,
  AUDIT_TARGET_KINDS,
  MAX_MODERATION_REASON_LENGTH,
  MAX_REPORT_DETAILS_LENGTH,
  REPORT_KINDS,
  REPORT_OUTCOMES,
  REPORT_REASONS,
} from '../domain/moderation.js';
import { Role } from './schemas.js';

export const ReportKind = Type.Enum(REPORT_KINDS);
export const ReportReason = Type.Enum(REPORT_REASONS);
export const ReportOutcome = Type.Enum(REPORT_OUTCOMES);

export const NewReport = Type.Object(
  {
    kind: ReportKind,
    id: Type.String({ pattern: TEXT_ID.source, description: "The video's, comment's or channel's id" }),
    reason: ReportReason,
    details: Type.Optional(Type.String({ maxLength: MAX_REPORT_DETAILS_LENGTH })),
  },
  { additionalProperties: false },
);

/** Why a moderator acted, for the audit log. */
export const ModerationReason = Type.String({
  minLength: 1,
  maxLength: MAX_MODERATION_REASON_LENGTH,
  pattern: '\\S',
});

export const VideoModeration = Type.Object(
  {
    state: Type.Union([Type.Literal('hidden'), Type.Literal('visible')]),
    reason: ModerationReason,
  },
  { additionalProperties: false },
);

export const RoleChange = Type.Object(
  { role: Role, reason: Type.Optional(ModerationReason) },
  { additionalProperties: false },
);

/** An optional reason, for actions that need nothing else. */
export const OptionalReason = Type.Object(
  { reason: Type.Optional(ModerationReason) },
  { additionalProperties: false },
);

const ReportedContent = Type.Union(
  [
    Type.Object({
      kind: Type.Literal('video'),
      id: Type.String(),
      title: Type.String(),
      channelHandle: Type.String(),
      hidden: Type.Boolean(),
    }),
    Type.Object({
      kind: Type.Literal('comment'),
      id: Type.String({ format: 'uuid' }),
      body: Type.String(),
      videoId: Type.String(),
      videoTitle: Type.String(),
      authorHandle: Type.String(),
    }),
    Type.Object({
      kind: Type.Literal('channel'),
      id: Type.String({ format: 'uuid' }),
      handle: Type.String(),
      displayName: Type.String(),
    }),
    Type.Null(),
  ],
  { description: 'What is reported, as it is now; null once its author or owner deleted it' },
);

export const ReportedItem = Type.Object({
  id: Type.String({ format: 'uuid', description: 'The item to dismiss or act on' }),
  kind: ReportKind,
  itemId: Type.String(),
  reportCount: Type.Integer(),
  reasons: Type.Array(ReportReason),
  firstReportedAt: Type.String({ format: 'date-time' }),
  content: ReportedContent,
});

export const AuditEntry = Type.Object({
  id: Type.String({ description: 'Counts up: later entries have larger ids' }),
  actor: Type.Union(
    [
      Type.Object({ id: Type.String({ format: 'uuid' }), handle: Type.Union([Type.String(), Type.Null()]) }),
      Type.Null(),
    ],
    {
      description: 'Null for the command line',
    },
  ),
  action: Type.Enum(AUDIT_ACTIONS),
  target: Type.Object({ kind: Type.Enum(AUDIT_TARGET_KINDS), id: Type.String() }),
  reason: Type.Union([Type.String(), Type.Null()]),
  details: Type.Object({
    from: Type.Optional(Role),
    to: Type.Optional(Role),
    body: Type.Optional(Type.String({ description: 'A removed comment' })),
    title: Type.Optional(Type.String({ description: 'A hidden or shown video' })),
  }),
  createdAt: Type.String({ format: 'date-time' }),
});

export type ReportedItemJson = Static<typeof ReportedItem>;
export type AuditEntryJson = Static<typeof AuditEntry>;
