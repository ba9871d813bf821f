// Every few minutes (CO_WATCH_FOLD_MINUTES): watch history written since the last run is folded into the co-watch counts.
import type { Logger } from 'pino';
import type { JobHandler } from '../adapters/queue/job-queue.js';
import type { UpNextService } from '../services/videos/up-next.service.js';

export function foldCoWatchingJob(upNext: UpNextService, logger: Logger): JobHandler<'fold-co-watching'> {
  return async () => {
    const folded = await upNext.foldCoWatching();
    logger.debug({ folded }, 'co-watching folded');
  };
}
