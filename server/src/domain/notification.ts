// A notification: a followed channel published, or someone replied to my comment.
export type NotificationKind = 'new_video' | 'comment_reply';

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
