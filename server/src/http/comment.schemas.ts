// Comments as the API shows them.
import { type Static, Type } from 'typebox';
import { MAX_COMMENT_LENGTH } from '../domain/comment.js';

export const CommentText = Type.String({
  minLength: 1,
  maxLength: MAX_COMMENT_LENGTH,
  pattern: '\\S',
  description: 'Plain text, stored as written; clients must show it as text, never as markup',
});

export const Comment = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    videoId: Type.String(),
    parentId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()], {
      description: 'The top-level comment a reply belongs to; null for a top-level comment',
    }),
    author: Type.Union([
      Type.Object({
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
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Comment' },
);

export const CommentPage = Type.Object({
  items: Type.Array(Type.Ref('Comment')),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export type CommentJson = Static<typeof Comment>;
