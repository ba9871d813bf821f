// SQL for comments. A comment, its thread's reply count and its video's comment count change in one
// transaction; the thread row is updated (and so locked) first, which orders a reply racing the deletion
// of its thread. The counts count only the comments everyone sees: neither held ones nor those of an
// author the video's owner blocked.
import { type ExpressionBuilder, type Kysely, type Selectable, sql } from 'kysely';
import type { Comment, CommentSort, HeldComment } from '../../domain/comment.js';
import type { PagePosition } from '../../domain/page.js';
import { lockActiveAccount } from './active-account.js';
import type { VideoChanged } from './changes.js';
import type { InTransaction } from './in-transaction.js';
import { rowsAfter } from './keyset.js';
import type { CommentsTable, Database } from './schema.js';

export interface NewComment {
  videoId: string;
  authorId: string;
  /** The thread (top-level comment) a reply belongs to. */
  threadId: string | null;
  body: string;
  /** Held for the video owner's approval. */
  held: boolean;
}

/** Who reads a list: the signed-in viewer, if any, and whether they own the video. */
export interface CommentReader {
  viewerId: string | undefined;
  videoOwner: boolean;
}

/** Comments in the order they were written; each list reads it one way or the other. */
const NEWEST = ['comments.created_at', 'comments.id'];

export class CommentRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly changed: VideoChanged,
  ) {}

  async find(id: string): Promise<Comment | undefined> {
    const row = await this.withAuthor().where('comments.id', '=', id).executeTakeFirst();
    return row && toComment(row);
  }

  /** Returns undefined when the thread was deleted meanwhile. */
  async create(comment: NewComment): Promise<Comment | undefined> {
    const id = await this.db.transaction().execute(async (trx) => {
      await lockActiveAccount(trx, comment.authorId, 'share');
      if (comment.threadId !== null) {
        const thread = await trx
          .updateTable('comments')
          .set((eb) => ({ reply_count: eb('reply_count', '+', comment.held ? 0 : 1) }))
          .where('id', '=', comment.threadId)
          .where('deleted_at', 'is', null)
          .returning('id')
          .executeTakeFirst();
        if (!thread) return undefined;
      }
      const inserted = await trx
        .insertInto('comments')
        .values({
          video_id: comment.videoId,
          author_id: comment.authorId,
          parent_id: comment.threadId,
          body: comment.body,
          held: comment.held,
          // Milliseconds, as a JS Date holds them, so a page cursor compares exactly with the stored time.
          created_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (!comment.held) await adjustCommentCount(trx, comment.videoId, 1);
      return inserted.id;
    });
    if (id === undefined) return undefined;
    await this.changed(comment.videoId);
    return this.find(id);
  }

  /** Returns undefined when the comment is gone or deleted. */
  async edit(id: string, body: string): Promise<Comment | undefined> {
    const edited = await this.db
      .updateTable('comments')
      .set({ body, edited_at: new Date() })
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    return edited && this.find(id);
  }

  /**
   * A thread with replies (seen or not: held and hidden ones count) is emptied and marked deleted, so its
   * replies stay; anything else goes. A deleted thread whose last reply goes goes with it. `record` joins
   * the transaction (a moderator's removal writes the audit log). Returns false when there was nothing to
   * delete.
   */
  async delete(id: string, record?: InTransaction): Promise<boolean> {
    const videoId = await this.db.transaction().execute(async (trx) => {
      const target = await trx
        .selectFrom('comments')
        .select(['video_id', 'parent_id', 'held', 'author_blocked'])
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .forUpdate()
        .executeTakeFirst();
      if (!target) return undefined;
      const counted = !target.held && !target.author_blocked;
      if (target.parent_id === null && (await hasReplies(trx, id))) {
        await trx
          .updateTable('comments')
          .set({ body: '', deleted_at: new Date() })
          .where('id', '=', id)
          .execute();
      } else {
        await trx.deleteFrom('comments').where('id', '=', id).execute();
      }
      if (target.parent_id !== null) {
        const thread = await trx
          .updateTable('comments')
          .set((eb) => ({ reply_count: eb('reply_count', '-', counted ? 1 : 0) }))
          .where('id', '=', target.parent_id)
          .returning('deleted_at')
          .executeTakeFirstOrThrow();
        if (thread.deleted_at !== null && !(await hasReplies(trx, target.parent_id)))
          await trx.deleteFrom('comments').where('id', '=', target.parent_id).execute();
      }
      if (counted) await adjustCommentCount(trx, target.video_id, -1);
      await record?.(trx);
      return target.video_id;
    });
    if (videoId === undefined) return false;
    await this.changed(videoId);
    return true;
  }

  /**
   * Approves a held comment: from now on everyone sees it and it counts. Returns false when it was not
   * held (approved already, or gone).
   */
  async approve(id: string): Promise<boolean> {
    const videoId = await this.db.transaction().execute(async (trx) => {
      const approved = await trx
        .updateTable('comments')
        .set({ held: false })
        .where('id', '=', id)
        .where('held', '=', true)
        .returning(['video_id', 'parent_id', 'author_blocked', 'deleted_at'])
        .executeTakeFirst();
      if (!approved) return undefined;
      if (!approved.author_blocked && approved.deleted_at === null) {
        if (approved.parent_id !== null) {
          await trx
            .updateTable('comments')
            .set((eb) => ({ reply_count: eb('reply_count', '+', 1) }))
            .where('id', '=', approved.parent_id)
            .execute();
        }
        await adjustCommentCount(trx, approved.video_id, 1);
      }
      return approved.video_id;
    });
    if (videoId === undefined) return false;
    await this.changed(videoId);
    return true;
  }

  /** The comments held on an owner's videos, oldest first (but those of people the owner blocked). */
  async held(ownerId: string, limit: number, after?: PagePosition): Promise<HeldComment[]> {
    let query = this.withAuthor()
      .innerJoin('videos', 'videos.id', 'comments.video_id')
      .select('videos.title as video_title')
      .where('videos.owner_id', '=', ownerId)
      .where('videos.state', '!=', 'deleted')
      .where('comments.held', '=', true)
      .where('comments.author_blocked', '=', false);
    if (after) query = query.where(rowsAfter(NEWEST, [after.at, after.id], 'asc'));
    const rows = await query.orderBy('comments.created_at').orderBy('comments.id').limit(limit).execute();
    return rows.map((row) => ({ ...toComment(row), videoTitle: row.video_title }));
  }

  /** A video's threads, those the reader may see; deleted ones show while they have replies. */
  async threads(
    videoId: string,
    reader: CommentReader,
    sort: CommentSort,
    limit: number,
    after?: PagePosition,
  ): Promise<Comment[]> {
    let query = this.withAuthor()
      .where('comments.video_id', '=', videoId)
      .where('comments.parent_id', 'is', null)
      .where((eb) => seenBy(eb, reader));
    if (after) {
      query = query.where(
        sort === 'top'
          ? rowsAfter(['comments.reply_count', ...NEWEST], [after.rank ?? 0, after.at, after.id])
          : rowsAfter(NEWEST, [after.at, after.id]),
      );
    }
    if (sort === 'top') query = query.orderBy('comments.reply_count', 'desc');
    const rows = await query
      .orderBy('comments.created_at', 'desc')
      .orderBy('comments.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toComment);
  }

  /** A thread's replies the reader may see, oldest first. */
  async replies(
    threadId: string,
    reader: CommentReader,
    limit: number,
    after?: PagePosition,
  ): Promise<Comment[]> {
    let query = this.withAuthor()
      .where('comments.parent_id', '=', threadId)
      .where((eb) => seenBy(eb, reader));
    if (after) query = query.where(rowsAfter(NEWEST, [after.at, after.id], 'asc'));
    const rows = await query.orderBy('comments.created_at').orderBy('comments.id').limit(limit).execute();
    return rows.map(toComment);
  }

  private withAuthor() {
    return this.db
      .selectFrom('comments')
      .innerJoin('channels', 'channels.owner_id', 'comments.author_id')
      .selectAll('comments')
      .select(['channels.handle', 'channels.display_name', 'channels.avatar_key']);
  }
}

/** `commentVisibleTo` (domain/comment.ts) as SQL, for the lists. */
function seenBy(eb: ExpressionBuilder<Database, 'comments'>, { viewerId, videoOwner }: CommentReader) {
  const notBlocked = eb('comments.author_blocked', '=', false);
  return eb.or([
    // The owner also sees the held ones.
    videoOwner ? notBlocked : eb.and([notBlocked, eb('comments.held', '=', false)]),
    eb('comments.deleted_at', 'is not', null),
    ...(viewerId === undefined ? [] : [eb('comments.author_id', '=', viewerId)]),
  ]);
}

async function hasReplies(trx: Kysely<Database>, threadId: string): Promise<boolean> {
  const reply = await trx
    .selectFrom('comments')
    .select('id')
    .where('parent_id', '=', threadId)
    .limit(1)
    .executeTakeFirst();
  return reply !== undefined;
}

async function adjustCommentCount(trx: Kysely<Database>, videoId: string, by: number): Promise<void> {
  await trx
    .updateTable('videos')
    .set({ comment_count: sql`comment_count + ${by}` })
    .where('id', '=', videoId)
    .execute();
}

type CommentRow = Selectable<CommentsTable> & {
  handle: string;
  display_name: string;
  avatar_key: string | null;
};

function toComment(row: CommentRow): Comment {
  return {
    id: row.id,
    videoId: row.video_id,
    authorId: row.author_id,
    author: { handle: row.handle, displayName: row.display_name, avatarKey: row.avatar_key },
    threadId: row.parent_id,
    body: row.body,
    replyCount: row.reply_count,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    deletedAt: row.deleted_at,
    held: row.held,
    authorBlocked: row.author_blocked,
  };
}
