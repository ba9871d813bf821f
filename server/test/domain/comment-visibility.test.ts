// Who sees a comment: its author always; a held one also the video's owner; one of an author the owner
// blocked nobody else; a deleted thread kept for its replies everyone.
import { describe, expect, it } from 'vitest';
import { type Comment, commentVisibleTo } from '../../src/domain/comment.js';

const AUTHOR = 'author';
const OWNER = 'owner';
const comment = (overrides: Partial<Comment>): Comment => ({
  id: 'c',
  videoId: 'v',
  authorId: AUTHOR,
  author: { handle: 'a', displayName: 'A', avatarKey: null },
  threadId: null,
  body: 'hello',
  replyCount: 0,
  createdAt: new Date(0),
  editedAt: null,
  deletedAt: null,
  held: false,
  authorBlocked: false,
  ...overrides,
});

describe('commentVisibleTo', () => {
  it.each([
    ['a published comment', {}, [true, true, true, true]],
    ['a held comment', { held: true }, [true, true, false, false]],
    ['a comment of a blocked author', { authorBlocked: true }, [true, false, false, false]],
    ['a held comment of a blocked author', { held: true, authorBlocked: true }, [true, false, false, false]],
    [
      'a deleted thread of a blocked author',
      { authorBlocked: true, deletedAt: new Date(0) },
      [true, true, true, true],
    ],
  ] as const)(
    '%s: as its author, the owner, another person and nobody signed in see it',
    (_name, overrides, seen) => {
      const readers = [AUTHOR, OWNER, 'someone else', undefined];
      expect(readers.map((reader) => commentVisibleTo(comment(overrides), reader, OWNER))).toEqual(seen);
    },
  );
});
