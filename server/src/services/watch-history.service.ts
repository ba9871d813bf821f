// Watch history: where I stopped in each video, so a video resumes there; listed, cleared, or paused.
import type { WatchedVideo, WatchHistoryRepository } from '../adapters/db/watch-history.repository.js';
import { type Page, readPage } from '../domain/page.js';
import type { VideoWithChannel } from '../domain/video.js';
import type { VideoService } from './videos/video.service.js';

/** Stopping this close to the end means the video was finished: it starts over next time. */
const FINISHED_WITHIN_SECONDS = 10;

export interface History extends Page<WatchedVideo> {
  paused: boolean;
}

export class WatchHistoryService {
  constructor(
    private readonly history: WatchHistoryRepository,
    private readonly videos: VideoService,
  ) {}

  /** Remembers where I am in a video I may watch; nothing is kept while my history is paused. */
  async record(userId: string, videoId: string, positionSeconds: number): Promise<void> {
    const video = await this.videos.getForViewer(videoId, userId);
    const position = Math.min(positionSeconds, video.durationSeconds ?? positionSeconds);
    await this.history.record(userId, videoId, position);
  }

  /** Where the video should start for me, or null to start at the beginning. */
  async resumePosition(userId: string, video: VideoWithChannel): Promise<number | null> {
    const position = await this.history.position(userId, video.id);
    if (position === undefined || position <= 0) return null;
    const duration = video.durationSeconds;
    return duration !== null && position >= duration - FINISHED_WITHIN_SECONDS ? null : position;
  }

  async list(userId: string, limit: number, cursor?: string): Promise<History> {
    const [page, paused] = await Promise.all([
      readPage(
        cursor,
        limit,
        (count, after) => this.history.list(userId, count, after),
        (row) => ({ at: row.watchedAt, id: row.video.id }),
      ),
      this.history.isPaused(userId),
    ]);
    return { ...page, paused };
  }

  clear(userId: string): Promise<void> {
    return this.history.clear(userId);
  }

  setPaused(userId: string, paused: boolean): Promise<void> {
    return this.history.setPaused(userId, paused);
  }
}
