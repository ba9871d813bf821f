// After a video is deleted: its source and ladder leave storage (retried, backing off, while it is away).
import type { JobHandler } from '../adapters/queue/job-queue.js';
import type { VideoService } from '../services/videos/video.service.js';

export function deleteVideoFilesJob(videos: VideoService): JobHandler<'delete-video-files'> {
  return (files) => videos.removeFiles(files);
}
