// Processes one uploaded video, or one part of a chunked one; the queue retries it with backoff when it throws.
import type { JobHandler } from '../adapters/queue/job-queue.js';
import type { VideoProcessingService } from '../services/processing/video-processing.service.js';

export function transcodeVideoJob(processing: VideoProcessingService): JobHandler<'transcode-video'> {
  return async ({ videoId, part }, { retryCount, retryLimit, signal }) => {
    const attempt = { isLast: retryCount >= retryLimit, signal };
    if (part) await processing.processPart(videoId, part, attempt);
    else await processing.process(videoId, attempt);
  };
}
