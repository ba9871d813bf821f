// The handler of every job, built from an opened platform and the ffmpeg it should run.
import os from 'node:os';
import path from 'node:path';
import type { FfmpegBinaries } from '../media/ffmpeg-binaries.js';
import { DEFAULT_LIMITS } from '../media/source-facts.js';
import { DEFAULT_STORYBOARD } from '../media/storyboard.js';
import { DEFAULT_POLICY } from '../media/transcode-policy.js';
import type { Platform } from '../platform.js';
import { VideoProcessingService } from '../services/video-processing.service.js';
import { expireUploadsJob } from './expire-uploads.job.js';
import { notifySubscribersJob } from './notify-subscribers.job.js';
import { purgeExpiredSessionsJob } from './purge-expired-sessions.job.js';
import { refreshTrendingJob } from './refresh-trending.job.js';
import { transcodeVideoJob } from './transcode-video.job.js';
import type { JobHandlers } from './worker.js';

export function buildJobHandlers(platform: Platform, ffmpeg: FfmpegBinaries): JobHandlers {
  const processing = new VideoProcessingService({
    videos: platform.repositories.videos,
    storage: platform.storage,
    media: {
      ffmpeg: ffmpeg.ffmpeg,
      ffprobe: ffmpeg.ffprobe,
      policy: DEFAULT_POLICY,
      storyboard: DEFAULT_STORYBOARD,
      limits: DEFAULT_LIMITS,
      timeout: { perSourceSecond: 10, minimumMs: 10 * 60_000 },
    },
    scratchDir: path.join(os.tmpdir(), 'vidstream-jobs'),
    growingIntervalMs: 1_000,
    logger: platform.logger,
    announce: (videoId, transaction) => platform.queue.send('notify-subscribers', { videoId }, transaction),
    onFinished: (outcome, seconds) => platform.metrics.transcodeDuration.observe({ outcome }, seconds),
  });
  return {
    'purge-expired-sessions': purgeExpiredSessionsJob(platform.services.auth, platform.logger),
    'transcode-video': transcodeVideoJob(processing),
    'expire-uploads': expireUploadsJob(platform.services.uploads, platform.logger),
    'refresh-trending': refreshTrendingJob(platform.services.views, platform.logger),
    'notify-subscribers': notifySubscribersJob(platform.services.notifications, platform.logger),
  };
}
