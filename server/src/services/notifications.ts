// What services and routes know of a notification.
import type { NotificationKind } from '../adapters/db/schema.js';

export type { NotificationKind };

export interface Notification {
  id: string;
  kind: NotificationKind;
  createdAt: Date;
  read: boolean;
  video: { id: string; title: string };
  /** The channel that published, or whose owner replied. */
  actor: { handle: string; displayName: string; avatarKey: string | null };
  /** The reply, for a reply. */
  commentBody: string | null;
}
