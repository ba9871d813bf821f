// After a video is published: every subscriber of its channel is told (once, however often this runs).
import type { Logger } from 'pino';
import type { JobHandler } from '../adapters/queue/job-queue.js';
import type { NotificationService } from '../services/notification.service.js';

export function notifySubscribersJob(
  notifications: NotificationService,
  logger: Logger,
): JobHandler<'notify-subscribers'> {
  return async ({ videoId }) => {
    const told = await notifications.announceVideo(videoId);
    logger.info({ videoId, told }, 'subscribers notified of a new video');
  };
}
