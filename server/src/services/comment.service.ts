// Comments on videos: threads one level deep (a reply to a reply joins the same thread), edited by their
// author, deleted by their author or the video's owner. Whoever cannot see a video cannot see, or write,
// its comments.
import type { CommentRepository } from '../adapters/db/comment.repository.js';
import type { Comment, CommentSort } from '../domain/comment.js';
import { Conflict, Forbidden, NotFound } from '../domain/errors.js';
import { type Page, readPage } from '../domain/page.js';
import type { NotificationService } from './notification.service.js';
import type { VideoService } from './videos/video.service.js';

export class CommentService {
  constructor(
    private readonly comments: CommentRepository,
    private readonly videos: VideoService,
    private readonly notifications: NotificationService,
  ) {}

  /** A reply tells the author of the comment it answers. */
  async post(videoId: string, authorId: string, body: string, parentId?: string): Promise<Comment> {
    const video = await this.videos.getForViewer(videoId, authorId);
    if (video.state !== 'ready')
      throw new Conflict('video_not_ready', 'Comments open once this video is ready');
    const parent = parentId === undefined ? undefined : await this.parentOf(parentId, videoId);
    const comment = await this.comments.create({
      videoId,
      authorId,
      threadId: parent?.threadId ?? null,
      body,
    });
    if (!comment) throw threadGone();
    if (parent) {
      await this.notifications.notifyReply({
        userId: parent.authorId,
        videoId,
        commentId: comment.id,
        replierId: authorId,
      });
    }
    return comment;
  }

  async threads(
    videoId: string,
    viewerId: string | undefined,
    sort: CommentSort,
    limit: number,
    cursor?: string,
  ): Promise<Page<Comment>> {
    await this.videos.getForViewer(videoId, viewerId);
    return readPage(
      cursor,
      limit,
      (count, after) => this.comments.threads(videoId, sort, count, after),
      (comment) => ({
        at: comment.createdAt,
        id: comment.id,
        ...(sort === 'top' ? { rank: comment.replyCount } : {}),
      }),
      'uuid',
    );
  }

  async replies(
    threadId: string,
    viewerId: string | undefined,
    limit: number,
    cursor?: string,
  ): Promise<Page<Comment>> {
    // A deleted thread still lists its replies.
    const thread = await this.comments.find(threadId);
    if (!thread || thread.threadId !== null) throw commentNotFound();
    await this.videos.getForViewer(thread.videoId, viewerId);
    return readPage(
      cursor,
      limit,
      (count, after) => this.comments.replies(threadId, count, after),
      (reply) => ({ at: reply.createdAt, id: reply.id }),
      'uuid',
    );
  }

  async edit(id: string, actorId: string, body: string): Promise<Comment> {
    const { comment } = await this.visible(id, actorId);
    if (comment.authorId !== actorId)
      throw new Forbidden('not_comment_author', 'Only its author can edit a comment');
    const edited = await this.comments.edit(id, body);
    if (!edited) throw commentNotFound();
    return edited;
  }

  async delete(id: string, actorId: string): Promise<void> {
    const { comment, video } = await this.visible(id, actorId);
    if (comment.authorId !== actorId && video.ownerId !== actorId)
      throw new Forbidden('not_comment_author', "Only its author or the video's owner can delete a comment");
    if (!(await this.comments.delete(id))) throw commentNotFound();
  }

  /** A comment, if it exists and is not deleted, and its video, if the viewer may see it. */
  async visible(id: string, viewerId: string | undefined) {
    const comment = await this.comments.find(id);
    if (!comment || comment.deletedAt !== null) throw commentNotFound();
    return { comment, video: await this.videos.getForViewer(comment.videoId, viewerId) };
  }

  /** Who wrote the comment replied to, and the thread the reply joins: the parent's own, or the parent. */
  private async parentOf(parentId: string, videoId: string): Promise<{ authorId: string; threadId: string }> {
    const parent = await this.comments.find(parentId);
    if (!parent || parent.videoId !== videoId) throw commentNotFound();
    const thread = parent.threadId === null ? parent : await this.comments.find(parent.threadId);
    if (!thread || thread.deletedAt !== null) throw threadGone();
    return { authorId: parent.authorId, threadId: thread.id };
  }
}

const commentNotFound = () => new NotFound('comment_not_found', 'No such comment');
const threadGone = () => new Conflict('thread_deleted', 'The comment you are replying to was deleted');
