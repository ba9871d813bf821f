// Every five minutes: the trending list is recomputed from the last days' views.
import type { Logger } from 'pino';
import type { JobHandler } from '../adapters/queue/job-queue.js';
import type { ViewService } from '../services/views/view.service.js';

export function refreshTrendingJob(views: ViewService, logger: Logger): JobHandler<'refresh-trending'> {
  return async () => {
    const listed = await views.refreshTrending();
    logger.debug({ listed }, 'trending refreshed');
  };
}
