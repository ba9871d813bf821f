// Comments as the API shows them.
import { type Static, Type } from 'typebox';
import { MAX_COMMENT_LENGTH } from '../domain/comment.js';
import { WrittenText } from './schemas.js';

export const CommentText = WrittenText(MAX_COMMENT_LENGTH, 'stored as written');

export const Comment = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    videoId: Type.String(),
    parentId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()], {
      description: 'The top-level comment a reply belongs to; null for a top-level comment',
    }),
    author: Type.Union([
      Type.Object({
        id: Type.String({ format: 'uuid', description: "The author's account" }),
        handle: Type.String(),
        displayName: Type.String(),
        avatarUrl: Type.Union([Type.String(), Type.Null()]),
      }),
      Type.Null(),
    ]),
    body: Type.String({ description: 'Empty for a deleted comment' }),
    replyCount: Type.Integer(),
    edited: Type.Boolean(),
    deleted: Type.Boolean({ description: 'A deleted comment kept because it has replies' }),
    awaitingApproval: Type.Boolean({
      description: "Held for the video owner's approval: only its author and the owner see it",
    }),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Comment' },
);

export const CommentPage = Type.Object({
  items: Type.Array(Type.Ref('Comment')),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

/** The comments awaiting my approval, each with the video it is on. */
export const HeldCommentPage = Type.Object({
  items: Type.Array(
    Type.Object({
      comment: Type.Ref('Comment'),
      video: Type.Object({ id: Type.String(), title: Type.String() }),
    }),
  ),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

/** The people I blocked from commenting on my channel. */
export const BlockedAccountPage = Type.Object({
  items: Type.Array(
    Type.Object({
      account: Type.Object({
        id: Type.String({ format: 'uuid' }),
        handle: Type.String(),
        displayName: Type.String(),
        avatarUrl: Type.Union([Type.String(), Type.Null()]),
      }),
      blockedAt: Type.String({ format: 'date-time' }),
    }),
  ),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export type CommentJson = Static<typeof Comment>;
