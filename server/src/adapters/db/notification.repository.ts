// SQL for notifications: written when a followed channel publishes or someone replies, listed newest
// first, counted while unread. A notification about a video the person may no longer see is not shown.
import { type Kysely, sql } from 'kysely';
import type { Notification } from '../../domain/notification.js';
import type { PagePosition } from '../../domain/page.js';
import { rowsAfter } from './keyset.js';
import { LISTED, watchableBy } from './rows.js';
import type { Database } from './schema.js';

/** The badge stops counting here ("99+" needs no exact figure). */
export const UNREAD_COUNT_CAP = 1_000;

export interface ReplyNotice {
  /** Who is told: the author of the comment replied to. */
  userId: string;
  videoId: string;
  commentId: string;
  replierId: string;
}

export class NotificationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Tells every subscriber of the video's channel, once, if the video is listed (public, ready, not hidden). */
  async announceVideo(videoId: string): Promise<number> {
    const result = await sql`
      INSERT INTO notifications (user_id, kind, video_id, actor_channel_id, created_at)
      SELECT subscriptions.subscriber_id, 'new_video', videos.id, videos.channel_id, videos.published_at
      FROM videos JOIN subscriptions ON subscriptions.channel_id = videos.channel_id
      WHERE videos.id = ${videoId} AND ${LISTED}
      ON CONFLICT (user_id, video_id) WHERE kind = 'new_video' DO NOTHING`.execute(this.db);
    return Number(result.numAffectedRows ?? 0);
  }

  async notifyReply({ userId, videoId, commentId, replierId }: ReplyNotice): Promise<void> {
    await this.db
      .insertInto('notifications')
      .columns(['user_id', 'kind', 'video_id', 'comment_id', 'actor_channel_id', 'created_at'])
      .expression((eb) =>
        eb
          .selectFrom('channels')
          .select([
            eb.val(userId).as('user_id'),
            sql.lit('comment_reply').as('kind'),
            eb.val(videoId).as('video_id'),
            eb.val(commentId).as('comment_id'),
            'channels.id',
            eb.val(new Date()).as('created_at'),
          ])
          .where('channels.owner_id', '=', replierId),
      )
      .execute();
  }

  async list(userId: string, limit: number, after?: PagePosition): Promise<Notification[]> {
    let query = this.shownTo(userId)
      .innerJoin('channels', 'channels.id', 'notifications.actor_channel_id')
      .leftJoin('comments', 'comments.id', 'notifications.comment_id')
      .select([
        'notifications.id',
        'notifications.kind',
        'notifications.created_at',
        'notifications.read_at',
        'videos.id as video_id',
        'videos.title',
        'channels.handle',
        'channels.display_name',
        'channels.avatar_key',
        'comments.body as comment_body',
      ]);
    if (after)
      query = query.where(rowsAfter(['notifications.created_at', 'notifications.id'], [after.at, after.id]));
    const rows = await query
      .orderBy('notifications.created_at', 'desc')
      .orderBy('notifications.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      createdAt: row.created_at,
      read: row.read_at !== null,
      video: { id: row.video_id, title: row.title },
      actor: { handle: row.handle, displayName: row.display_name, avatarKey: row.avatar_key },
      commentBody: row.comment_body,
    }));
  }

  async unreadCount(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom(
        this.shownTo(userId)
          .select('notifications.id')
          .where('notifications.read_at', 'is', null)
          .limit(UNREAD_COUNT_CAP)
          .as('unread'),
      )
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /** A person's notifications about videos they may still see. */
  private shownTo(userId: string) {
    return this.db
      .selectFrom('notifications')
      .innerJoin('videos', 'videos.id', 'notifications.video_id')
      .where('notifications.user_id', '=', userId)
      .where(watchableBy(userId));
  }

  /** Marks the given notifications read, or all of them. */
  async markRead(userId: string, ids?: string[]): Promise<void> {
    let query = this.db
      .updateTable('notifications')
      .set({ read_at: new Date() })
      .where('user_id', '=', userId)
      .where('read_at', 'is', null);
    if (ids) query = query.where('id', 'in', ids);
    await query.execute();
  }
}
