// Every ten minutes: uploads never completed within a day are aborted in storage and forgotten.
import type { Logger } from 'pino';
import type { JobHandler } from '../adapters/queue/job-queue.js';
import type { UploadService } from '../services/upload.service.js';

export function expireUploadsJob(uploads: UploadService, logger: Logger): JobHandler<'expire-uploads'> {
  return async () => {
    const expired = await uploads.expireStale();
    if (expired > 0) logger.info({ expired }, 'abandoned uploads removed');
  };
}
