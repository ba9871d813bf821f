// Hourly: removes log-in sessions past their expiry, so the table holds only live ones.
import type { Logger } from 'pino';
import type { JobHandler } from '../adapters/queue/job-queue.js';
import type { AuthService } from '../services/auth/auth.service.js';

export function purgeExpiredSessionsJob(
  auth: AuthService,
  logger: Logger,
): JobHandler<'purge-expired-sessions'> {
  return async () => {
    const removed = await auth.purgeExpiredSessions();
    logger.info({ removed }, 'expired sessions purged');
  };
}
