// SQL for comments. A comment, its thread's reply count and its video's comment count change in one
// transaction; the thread row is updated (and so locked) first, which orders a reply racing the deletion
// of its thread.
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Comment, CommentSort } from '../../domain/comment.js';
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
          .set((eb) => ({ reply_count: eb('reply_count', '+', 1) }))
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
          // Milliseconds, as a JS Date holds them, so a page cursor compares exactly with the stored time.
          created_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await adjustCommentCount(trx, comment.videoId, 1);
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
   * A thread with replies is emptied and marked deleted, so its replies stay; anything else goes. A
   * deleted thread whose last reply goes goes with it. `record` joins the transaction (a moderator's
   * removal writes the audit log). Returns false when there was nothing to delete.
   */
  async delete(id: string, record?: InTransaction): Promise<boolean> {
    const videoId = await this.db.transaction().execute(async (trx) => {
      const target = await trx
        .selectFrom('comments')
        .select(['video_id', 'parent_id', 'reply_count'])
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .forUpdate()
        .executeTakeFirst();
      if (!target) return undefined;
      if (target.parent_id === null && target.reply_count > 0) {
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
          .set((eb) => ({ reply_count: eb('reply_count', '-', 1) }))
          .where('id', '=', target.parent_id)
          .returning(['reply_count', 'deleted_at'])
          .executeTakeFirstOrThrow();
        if (thread.reply_count === 0 && thread.deleted_at !== null)
          await trx.deleteFrom('comments').where('id', '=', target.parent_id).execute();
      }
      await adjustCommentCount(trx, target.video_id, -1);
      await record?.(trx);
      return target.video_id;
    });
    if (videoId === undefined) return false;
    await this.changed(videoId);
    return true;
  }

  /** A video's threads; deleted ones show while they have replies. */
  async threads(videoId: string, sort: CommentSort, limit: number, after?: PagePosition): Promise<Comment[]> {
    let query = this.withAuthor()
      .where('comments.video_id', '=', videoId)
      .where('comments.parent_id', 'is', null);
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

  /** A thread's replies, oldest first. */
  async replies(threadId: string, limit: number, after?: PagePosition): Promise<Comment[]> {
    let query = this.withAuthor().where('comments.parent_id', '=', threadId);
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
  };
}
