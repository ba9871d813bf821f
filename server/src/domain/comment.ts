// A comment on a video: a thread, or a reply in one.
export type CommentSort = 'newest' | 'top';

export interface CommentAuthor {
  handle: string;
  displayName: string;
  avatarKey: string | null;
}

export interface Comment {
  id: string;
  videoId: string;
  authorId: string;
  author: CommentAuthor;
  /** The top-level comment a reply belongs to; null for a top-level comment. */
  threadId: string | null;
  body: string;
  replyCount: number;
  createdAt: Date;
  editedAt: Date | null;
  /** Set on a deleted thread kept for its replies. */
  deletedAt: Date | null;
}

export const MAX_COMMENT_LENGTH = 10_000;
