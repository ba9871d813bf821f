// Likes and dislikes: one per person per video, on videos that person can watch.
import type { ReactionRepository } from '../adapters/db/reaction.repository.js';
import { Conflict } from '../domain/errors.js';
import type { ReactionOutcome, ReactionValue } from '../domain/reaction.js';
import type { VideoService } from './videos/video.service.js';

export class ReactionService {
  constructor(
    private readonly reactions: ReactionRepository,
    private readonly videos: VideoService,
  ) {}

  /** Sets, switches or (with `undefined`) clears the viewer's reaction. */
  async react(videoId: string, viewerId: string, value: ReactionValue | undefined): Promise<ReactionOutcome> {
    const video = await this.videos.getForViewer(videoId, viewerId);
    if (video.state !== 'ready')
      throw new Conflict('video_not_ready', 'This video cannot be rated until it is ready');
    const counts = await this.reactions.set(videoId, viewerId, value);
    return { ...counts, mine: value };
  }

  mine(videoId: string, viewerId: string): Promise<ReactionValue | undefined> {
    return this.reactions.find(videoId, viewerId);
  }
}
