// Processing progress as its owner follows it: the video's state, percent and playability each time they
// change, until it is ready, failed or deleted. The worker may be on another machine, so each look asks
// the database, once a second per video however many streams follow it; between changes a heartbeat keeps
// the connection open through proxies. A stream ends after a while (the browser opens a new one), and one
// account or address may hold only so many.
import { setTimeout as sleep } from 'node:timers/promises';
import { type Video, type VideoState, watchable } from '../../domain/video.js';
import { OpenStreams, type StreamLimits } from './open-streams.js';
import type { VideoService } from './video.service.js';

export interface ProgressEvent {
  state: VideoState;
  progress: number;
  playable: boolean;
  error: string | null;
}

export type ProgressUpdate = { kind: 'progress'; event: ProgressEvent } | { kind: 'heartbeat' };

export interface ProgressLimits extends StreamLimits {
  /** A stream ends after this long; the browser's EventSource opens a new one. */
  lifetimeMs: number;
}

const POLL_INTERVAL_MS = 1_000;
/** Looks without a change between two heartbeats. */
const HEARTBEAT_EVERY = 15;
const FINAL_STATES = new Set<VideoState>(['ready', 'failed', 'deleted']);

export class VideoProgressService {
  private readonly streams: OpenStreams;
  /** The latest look at each followed video, shared by every stream that follows it. */
  private readonly looks = new Map<string, { at: number; video: Promise<Video | undefined> }>();

  constructor(
    private readonly videos: VideoService,
    private readonly limits: ProgressLimits,
  ) {
    this.streams = new OpenStreams(limits);
  }

  /**
   * Checks that the actor owns the video and may open one more stream, then follows it until `gone`
   * (the client left), which also gives the stream's place back at once.
   */
  async follow(
    videoId: string,
    actorId: string,
    address: string,
    gone: AbortSignal,
  ): Promise<AsyncIterable<ProgressUpdate>> {
    const first = await this.videos.getOwned(videoId, actorId);
    const release = this.streams.open(actorId, address);
    gone.addEventListener('abort', release, { once: true });
    return this.updates(first, actorId, release, gone);
  }

  private async *updates(
    first: Video,
    actorId: string,
    release: () => void,
    gone: AbortSignal,
  ): AsyncGenerator<ProgressUpdate> {
    const endsAt = Date.now() + this.limits.lifetimeMs;
    let video = first;
    let last = '';
    try {
      for (let tick = 0; Date.now() < endsAt && !gone.aborted; tick += 1) {
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
        await sleep(POLL_INTERVAL_MS, undefined, { signal: gone }).catch(() => undefined);
        if (gone.aborted) return;
        video = (await this.look(video.id, actorId)) ?? { ...video, state: 'deleted' };
      }
    } finally {
      release();
    }
  }

  /** The video as the database has it, looked at no more than once per interval whoever asks. */
  private look(videoId: string, ownerId: string): Promise<Video | undefined> {
    const now = Date.now();
    for (const [id, look] of this.looks) if (now - look.at >= POLL_INTERVAL_MS) this.looks.delete(id);
    let look = this.looks.get(videoId);
    if (look === undefined) {
      look = { at: now, video: this.videos.getOwned(videoId, ownerId).catch(() => undefined) };
      this.looks.set(videoId, look);
    }
    return look.video;
  }
}
