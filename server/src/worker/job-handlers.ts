// The handler of every job, each a thin call into the service that does the work.
import type { Logger } from 'pino';
import type { Services } from '../services/services.js';
import { forgetCdnRevocationJob, revokeCdnPlaybackJob } from './cdn-revocation.jobs.js';
import { deleteVideoFilesJob } from './delete-video-files.job.js';
import { expireUploadsJob } from './expire-uploads.job.js';
import { foldCoWatchingJob } from './fold-co-watching.job.js';
import { notifySubscribersJob } from './notify-subscribers.job.js';
import { publishLiveRecordingJob } from './publish-live-recording.job.js';
import { purgeExpiredSessionsJob } from './purge-expired-sessions.job.js';
import { refreshTrendingJob } from './refresh-trending.job.js';
import { transcodeVideoJob } from './transcode-video.job.js';
import type { GivenUpHandlers, JobHandlers } from './worker.js';

/** The services jobs call; a platform opened without ffmpeg has no processing and cannot run jobs. */
export type JobServices = Pick<
  Services,
  | 'auth'
  | 'uploads'
  | 'views'
  | 'upNext'
  | 'notifications'
  | 'processing'
  | 'liveRecordings'
  | 'videos'
  | 'cdnRevocations'
>;

export function buildJobHandlers(services: JobServices, logger: Logger): JobHandlers {
  if (!services.processing || !services.liveRecordings)
    throw new Error('a worker needs a platform opened with ffmpeg');
  return {
    'purge-expired-sessions': purgeExpiredSessionsJob(services.auth, logger),
    'transcode-video': transcodeVideoJob(services.processing),
    'expire-uploads': expireUploadsJob(services.uploads, logger),
    'refresh-trending': refreshTrendingJob(services.views, logger),
    'fold-co-watching': foldCoWatchingJob(services.upNext, logger),
    'notify-subscribers': notifySubscribersJob(services.notifications, logger),
    'publish-live-recording': publishLiveRecordingJob(services.liveRecordings),
    'delete-video-files': deleteVideoFilesJob(services.videos),
    'revoke-cdn-playback': revokeCdnPlaybackJob(services.cdnRevocations),
    'forget-cdn-revocation': forgetCdnRevocationJob(services.cdnRevocations),
  };
}

/** Leased jobs whose workers were all lost: the video they were for ends `failed`, not `processing` forever. */
export function buildGivenUpHandlers(services: JobServices): GivenUpHandlers {
  const processing = services.processing;
  return processing ? { 'transcode-video': ({ videoId }) => processing.giveUp(videoId) } : {};
}
