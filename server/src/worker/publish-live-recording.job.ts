// Publishes an ended live stream as a video; the queue retries it with backoff when it throws.
import type { JobHandler } from '../adapters/queue/job-queue.js';
import type { LiveRecordingService } from '../services/live/live-recording.service.js';

export function publishLiveRecordingJob(
  recordings: LiveRecordingService,
): JobHandler<'publish-live-recording'> {
  return ({ videoId }, { retryCount, retryLimit, signal }) =>
    recordings.publish(videoId, { isLast: retryCount >= retryLimit, signal });
}
