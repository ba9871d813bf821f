// Writes buffered views to PostgreSQL every few seconds, one flush at a time, and once more on a clean
// shutdown so that no counted view is left behind.
import type { Logger } from 'pino';
import type { ViewService } from './view.service.js';

export interface ViewFlusher {
  stop(): Promise<void>;
}

export function startViewFlusher(views: ViewService, intervalMs: number, logger: Logger): ViewFlusher {
  let running: Promise<void> = Promise.resolve();
  const flush = () => {
    running = running.then(() =>
      views.flush().catch((error: unknown) => logger.warn({ err: error }, 'views not flushed; will retry')),
    );
    return running;
  };
  const timer = setInterval(flush, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await flush();
    },
  };
}
