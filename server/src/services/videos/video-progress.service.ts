// Processing progress as its owner follows it: the video's state, percent and playability each time they
// change, until it is ready, failed or deleted. The worker may be on another machine, so each look asks
// the database; between changes a heartbeat keeps the connection open through proxies.
import { setTimeout as sleep } from 'node:timers/promises';
import { type Video, type VideoState, watchable } from '../../domain/video.js';
import type { VideoService } from './video.service.js';

export interface ProgressEvent {
  state: VideoState;
  progress: number;
  playable: boolean;
  error: string | null;
}

export type ProgressUpdate = { kind: 'progress'; event: ProgressEvent } | { kind: 'heartbeat' };

const POLL_INTERVAL_MS = 1_000;
/** Looks without a change between two heartbeats. */
const HEARTBEAT_EVERY = 15;
const FINAL_STATES = new Set<VideoState>(['ready', 'failed', 'deleted']);

export class VideoProgressService {
  constructor(private readonly videos: VideoService) {}

  /** Checks that the actor owns the video before anything is sent, then follows it. */
  async follow(videoId: string, actorId: string): Promise<AsyncIterable<ProgressUpdate>> {
    const first = await this.videos.getOwned(videoId, actorId);
    return this.updates(first, actorId);
  }

  private async *updates(first: Video, actorId: string): AsyncGenerator<ProgressUpdate> {
    let video = first;
    let last = '';
    for (let tick = 0; ; tick += 1) {
      const event: ProgressEvent = {
        state: video.state,
        progress: video.progress,
        playable: watchable(video),
        error: video.error,
      };
      const serialized = JSON.stringify(event);
      if (serialized !== last) yield { kind: 'progress', event };
      else if (tick % HEARTBEAT_EVERY === 0) yield { kind: 'heartbeat' };
      last = serialized;
      if (FINAL_STATES.has(video.state)) return;
      await sleep(POLL_INTERVAL_MS);
      video = await this.videos
        .getOwned(video.id, actorId)
        .catch(() => ({ ...video, state: 'deleted' as const }));
    }
  }
}
