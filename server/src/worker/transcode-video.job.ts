// Processes one uploaded video; the queue retries it with backoff when it throws.
import type { JobHandler } from '../adapters/queue/job-queue.js';
import type { VideoProcessingService } from '../services/processing/video-processing.service.js';

export function transcodeVideoJob(processing: VideoProcessingService): JobHandler<'transcode-video'> {
  return async ({ videoId }, { retryCount, retryLimit, signal }) => {
    await processing.process(videoId, { isLast: retryCount >= retryLimit, signal });
  };
}
