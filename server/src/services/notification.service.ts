// In-app notifications: news of a followed channel's video, replies to my comments; read and unread.
import type { NotificationRepository, ReplyNotice } from '../adapters/db/notification.repository.js';
import type { Notification } from '../domain/notification.js';
import { decodeCursor, type Page, toPage } from '../domain/page.js';

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
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    const [rows, unreadCount] = await Promise.all([
      this.notifications.list(userId, limit + 1, after),
      this.notifications.unreadCount(userId),
    ]);
    return { ...toPage(rows, limit, (row) => ({ at: row.createdAt, id: row.id })), unreadCount };
  }

  unreadCount(userId: string): Promise<number> {
    return this.notifications.unreadCount(userId);
  }

  markRead(userId: string, ids?: string[]): Promise<void> {
    return this.notifications.markRead(userId, ids);
  }
}
