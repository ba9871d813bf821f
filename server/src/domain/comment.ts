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
  /** Awaiting the approval of the video's owner. */
  held: boolean;
  /** Its author is blocked from the video owner's channel. */
  authorBlocked: boolean;
}

/** A comment awaiting approval, as its video's owner lists them. */
export type HeldComment = Comment & { videoTitle: string };

/**
 * Who sees a comment: its author always; a held one also the video's owner; one whose author the owner
 * blocked nobody else (the owner included, until they unblock). A deleted thread kept for its replies
 * shows to everyone, as its replies do. The comment lists apply the same rule in SQL.
 */
export function commentVisibleTo(
  comment: Comment,
  viewerId: string | undefined,
  videoOwnerId: string,
): boolean {
  if (comment.authorId === viewerId || comment.deletedAt !== null) return true;
  if (comment.authorBlocked) return false;
  return !comment.held || viewerId === videoOwnerId;
}

export const MAX_COMMENT_LENGTH = 10_000;
