// Reading a video: its owner sees it in every state; others only once it is ready and not private.
import type { VideoRepository } from '../adapters/db/video.repository.js';
import { Forbidden, NotFound } from './errors.js';
import type { Video } from './videos.js';

export class VideoService {
  constructor(private readonly videos: VideoRepository) {}

  async getForViewer(videoId: string, viewerId: string | undefined): Promise<Video> {
    const video = await this.videos.findById(videoId);
    const visible =
      video !== undefined &&
      (video.ownerId === viewerId || (video.state === 'ready' && video.visibility !== 'private'));
    if (!video || !visible) throw new NotFound('video_not_found', 'No such video');
    return video;
  }

  async getOwned(videoId: string, actorId: string): Promise<Video> {
    const video = await this.videos.findById(videoId);
    if (!video) throw new NotFound('video_not_found', 'No such video');
    if (video.ownerId !== actorId)
      throw new Forbidden('not_video_owner', 'Only its owner can follow this video');
    return video;
  }
}
