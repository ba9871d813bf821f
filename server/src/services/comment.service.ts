// Comments on videos: threads one level deep (a reply to a reply joins the same thread), edited by their
// author, deleted by their author or the video's owner. Whoever cannot see a video cannot see, or write,
// its comments. The owner decides who may comment (the video's comment policy, the people blocked from
// the channel) and approves the comments a `held` video receives.
import type { ChannelBlockRepository } from '../adapters/db/channel-block.repository.js';
import type { CommentReader, CommentRepository } from '../adapters/db/comment.repository.js';
import { type Comment, type CommentSort, commentVisibleTo, type HeldComment } from '../domain/comment.js';
import { Conflict, Forbidden, NotFound } from '../domain/errors.js';
import { type Page, readPage } from '../domain/page.js';
import type { VideoWithChannel } from '../domain/video.js';
import type { NotificationService } from './notification.service.js';
import type { VideoService } from './videos/video.service.js';

export class CommentService {
  constructor(
    private readonly comments: CommentRepository,
    private readonly videos: VideoService,
    private readonly notifications: NotificationService,
    private readonly blocks: ChannelBlockRepository,
  ) {}

  /**
   * A reply tells the author of the comment it answers; a held one only once approved. On a `held` video
   * every comment but the owner's waits for approval.
   */
  async post(videoId: string, authorId: string, body: string, parentId?: string): Promise<Comment> {
    const video = await this.videos.getForViewer(videoId, authorId);
    if (video.state !== 'ready')
      throw new Conflict('video_not_ready', 'Comments open once this video is ready');
    await this.mayComment(video, authorId);
    const parent = parentId === undefined ? undefined : await this.parentOf(parentId, video, authorId);
    const held = video.commentPolicy === 'held' && video.ownerId !== authorId;
    const comment = await this.comments.create({
      videoId,
      authorId,
      threadId: parent?.threadId ?? null,
      body,
      held,
    });
    if (!comment) throw threadGone();
    if (parent && !held) {
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
    const video = await this.videos.getForViewer(videoId, viewerId);
    // Comments turned off are hidden, not deleted: turned on again, they show again.
    if (video.commentPolicy === 'closed') return { items: [], nextCursor: null };
    const reader = readerOf(video, viewerId);
    return readPage(
      cursor,
      limit,
      (count, after) => this.comments.threads(videoId, reader, sort, count, after),
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
    const video = await this.videos.getForViewer(thread.videoId, viewerId);
    if (!commentVisibleTo(thread, viewerId, video.ownerId)) throw commentNotFound();
    if (video.commentPolicy === 'closed') return { items: [], nextCursor: null };
    const reader = readerOf(video, viewerId);
    return readPage(
      cursor,
      limit,
      (count, after) => this.comments.replies(threadId, reader, count, after),
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

  /** The video's owner lets a held comment show to everyone; approving it again changes nothing. */
  async approve(id: string, actorId: string): Promise<Comment> {
    const { comment, video } = await this.visible(id, actorId);
    if (video.ownerId !== actorId)
      throw new Forbidden('not_video_owner', "Only the video's owner can approve its comments");
    if ((await this.comments.approve(id)) && comment.threadId !== null) {
      const thread = await this.comments.find(comment.threadId);
      if (thread) {
        await this.notifications.notifyReply({
          userId: thread.authorId,
          videoId: video.id,
          commentId: id,
          replierId: comment.authorId,
        });
      }
    }
    return { ...comment, held: false };
  }

  /** The comments awaiting my approval on all my videos, oldest first. */
  held(ownerId: string, limit: number, cursor?: string): Promise<Page<HeldComment>> {
    return readPage(
      cursor,
      limit,
      (count, after) => this.comments.held(ownerId, count, after),
      (comment) => ({ at: comment.createdAt, id: comment.id }),
      'uuid',
    );
  }

  /** A comment, if it exists, is not deleted and the viewer may see it, and its video. */
  async visible(id: string, viewerId: string | undefined) {
    const comment = await this.comments.find(id);
    if (!comment || comment.deletedAt !== null) throw commentNotFound();
    const video = await this.videos.getForViewer(comment.videoId, viewerId);
    if (!commentVisibleTo(comment, viewerId, video.ownerId)) throw commentNotFound();
    return { comment, video };
  }

  /** Comments turned off refuse everyone; a person the owner blocked is refused on the owner's videos. */
  private async mayComment(video: VideoWithChannel, authorId: string): Promise<void> {
    if (video.commentPolicy === 'closed')
      throw new Forbidden('comments_closed', 'Comments are turned off on this video');
    if (video.ownerId !== authorId && (await this.blocks.isBlocked(video.ownerId, authorId)))
      throw new Forbidden('blocked_by_channel', "This channel's owner does not accept your comments");
  }

  /** Who wrote the comment replied to, and the thread the reply joins: the parent's own, or the parent. */
  /** A comment the replier cannot see (held, or of a blocked author) is not there to reply to. */
  private async parentOf(
    parentId: string,
    video: VideoWithChannel,
    replierId: string,
  ): Promise<{ authorId: string; threadId: string }> {
    const parent = await this.comments.find(parentId);
    if (!parent || parent.videoId !== video.id || !commentVisibleTo(parent, replierId, video.ownerId))
      throw commentNotFound();
    const thread = parent.threadId === null ? parent : await this.comments.find(parent.threadId);
    if (!thread || thread.deletedAt !== null) throw threadGone();
    return { authorId: parent.authorId, threadId: thread.id };
  }
}

function readerOf(video: VideoWithChannel, viewerId: string | undefined): CommentReader {
  return { viewerId, videoOwner: video.ownerId === viewerId };
}

const commentNotFound = () => new NotFound('comment_not_found', 'No such comment');
const threadGone = () => new Conflict('thread_deleted', 'The comment you are replying to was deleted');
