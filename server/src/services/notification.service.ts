// In-app notifications: news of a followed channel's video, replies to my comments; read and unread.
import type { NotificationRepository, ReplyNotice } from '../adapters/db/notification.repository.js';
import type { Notification } from '../domain/notification.js';
import { type Page, readPage } from '../domain/page.js';

export interface Inbox extends Page<Notification> {
  unreadCount: number;
}

export class NotificationService {
  constructor(private readonly notifications: NotificationRepository) {}

  announceVideo(videoId: string): Promise<number> {
    return this.notifications.announceVideo(videoId);
  }

  /** Nobody is told of their own replies. */
  async notifyReply(notice: ReplyNotice): Promise<void> {
    if (notice.userId !== notice.replierId) await this.notifications.notifyReply(notice);
  }

  async inbox(userId: string, limit: number, cursor?: string): Promise<Inbox> {
    const [page, unreadCount] = await Promise.all([
      readPage(
        cursor,
        limit,
        (count, after) => this.notifications.list(userId, count, after),
        (row) => ({ at: row.createdAt, id: row.id }),
        'uuid',
      ),
      this.notifications.unreadCount(userId),
    ]);
    return { ...page, unreadCount };
  }

  unreadCount(userId: string): Promise<number> {
    return this.notifications.unreadCount(userId);
  }

  /** Marks these notifications read, or all of them without ids; returns how many are still unread. */
  async markRead(userId: string, ids?: string[]): Promise<number> {
    await this.notifications.markRead(userId, ids);
    return this.notifications.unreadCount(userId);
  }
}
