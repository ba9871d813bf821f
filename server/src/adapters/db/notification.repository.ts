// SQL for notifications: written when a followed channel publishes or someone replies (a report's outcome is
// written where the report is closed), listed newest first, counted while unread. A notification about a
// video the person may no longer see is not shown.
import { type Kysely, sql } from 'kysely';
import type { ReportKind, ReportOutcome } from '../../domain/moderation.js';
import type { Notification, NotificationKind } from '../../domain/notification.js';
import type { PagePosition } from '../../domain/page.js';
import { rowsAfter } from './keyset.js';
import { LISTED, LIVE_AND_LISTED, watchableBy } from './rows.js';
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
      .leftJoin('channels', 'channels.id', 'notifications.actor_channel_id')
      .leftJoin('comments', 'comments.id', 'notifications.comment_id')
      .leftJoin('reports', 'reports.id', 'notifications.report_id')
      .leftJoin('reported_items', 'reported_items.id', 'reports.reported_item_id')
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
        'reported_items.kind as report_kind',
        'reported_items.outcome as report_outcome',
        'reports.subject as report_subject',
      ]);
    if (after)
      query = query.where(rowsAfter(['notifications.created_at', 'notifications.id'], [after.at, after.id]));
    const rows = await query
      .orderBy('notifications.created_at', 'desc')
      .orderBy('notifications.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toNotification);
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

  /**
   * A person's notifications about their reports, and about videos they may still see: ready, or for news
   * of a stream, live and listed.
   */
  private shownTo(userId: string) {
    return this.db
      .selectFrom('notifications')
      .leftJoin('videos', 'videos.id', 'notifications.video_id')
      .where('notifications.user_id', '=', userId)
      .where((eb) =>
        eb.or([
          eb('notifications.kind', '=', 'report_outcome'),
          watchableBy(userId),
          eb.and([eb('notifications.kind', '=', 'went_live'), LIVE_AND_LISTED]),
        ]),
      );
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

interface NotificationRow {
  id: string;
  kind: NotificationKind;
  created_at: Date;
  read_at: Date | null;
  video_id: string | null;
  title: string | null;
  handle: string | null;
  display_name: string | null;
  avatar_key: string | null;
  comment_body: string | null;
  report_kind: ReportKind | null;
  report_outcome: ReportOutcome | null;
  report_subject: string | null;
}

function toNotification(row: NotificationRow): Notification {
  const common = { id: row.id, createdAt: row.created_at, read: row.read_at !== null };
  if (row.kind === 'report_outcome') {
    const report = {
      kind: joined(row.report_kind),
      outcome: joined(row.report_outcome),
      subject: row.report_subject,
    };
    return { ...common, kind: row.kind, report };
  }
  return {
    ...common,
    kind: row.kind,
    video: { id: joined(row.video_id), title: joined(row.title) },
    actor: { handle: joined(row.handle), displayName: joined(row.display_name), avatarKey: row.avatar_key },
    commentBody: row.comment_body,
  };
}

/** A column of a left join the row's checks guarantee for its kind. */
function joined<T>(value: T | null): T {
  if (value === null) throw new Error('notification row without what its kind requires');
  return value;
}

/**
 * Tells a live video's channel's subscribers it is live, once per person and video however often its stream
 * comes back; nobody while it is not listed live. Run in the transaction that makes it playable.
 */
export async function announceLive(db: Kysely<Database>, videoId: string, now: Date): Promise<void> {
  await sql`
    INSERT INTO notifications (user_id, kind, video_id, actor_channel_id, created_at)
    SELECT subscriptions.subscriber_id, 'went_live', videos.id, videos.channel_id, ${now}
    FROM videos JOIN subscriptions ON subscriptions.channel_id = videos.channel_id
    WHERE videos.id = ${videoId} AND ${LIVE_AND_LISTED}
    ON CONFLICT (user_id, video_id) WHERE kind = 'went_live' DO NOTHING`.execute(db);
}
