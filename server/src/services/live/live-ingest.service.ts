// Live publishes, as the ingest hands them over: a publish is admitted only with a stream key in use whose
// channel is not live with it already (the live video is made then), and an admitted publish becomes a
// LiveStream once the publisher has said what it sends.
import type { Logger } from 'pino';
import type { LiveVideoRepository } from '../../adapters/db/live-video.repository.js';
import type { StreamKeyRepository } from '../../adapters/db/stream-key.repository.js';
import type { ObjectStorage } from '../../adapters/storage/object-storage.js';
import type { LiveSource } from '../../domain/live-source.js';
import type { Video } from '../../domain/video.js';
import { type LiveLadderPolicy, planLive } from '../../media/live-ladder.js';
import { hashSessionToken } from '../auth/session-tokens.js';
import { newVideoId } from '../upload.service.js';
import { LiveStream } from './live-stream.js';

export interface LiveIngestDeps {
  keys: StreamKeyRepository;
  videos: LiveVideoRepository;
  storage: ObjectStorage;
  ffmpeg: string;
  scratchDir: string;
  ladder: LiveLadderPolicy;
  publishIntervalMs: number;
  logger: Logger;
  now?: () => Date;
}

/** Why a publish was refused, as the ingest logs it (never with the key). */
export type LiveRefusal = 'unknown_or_revoked_key' | 'already_live';

/** How often a live process says which live videos it still makes. */
export const LIVE_SEEN_EVERY_MS = 5_000;
/** A live video unseen this long lost the process making it: it is ended, its recording so far kept. */
export const LIVE_UNSEEN_AFTER_MS = 30_000;

export type Admission = { admitted: true; video: Video } | { admitted: false; reason: LiveRefusal };

export class LiveIngestService {
  private readonly now: () => Date;
  /** The live videos this process makes now. */
  private readonly running = new Set<string>();

  constructor(private readonly deps: LiveIngestDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async admit(key: string): Promise<Admission> {
    const streamKey = await this.deps.keys.findActiveByHash(hashSessionToken(key));
    if (!streamKey) return { admitted: false, reason: 'unknown_or_revoked_key' };
    // A key whose live video lost its process goes live again at once, not after the next look.
    await this.endUnseen();
    const video = await this.deps.videos.start(
      newVideoId(),
      streamKey,
      `Live: ${streamKey.name}`,
      this.now(),
    );
    return video ? { admitted: true, video } : { admitted: false, reason: 'already_live' };
  }

  /** The admitted publish's ladder starts; `onEnded` is told when the stream is over. */
  async start(video: Video, source: LiveSource, onEnded: () => void): Promise<LiveStream> {
    const plan = planLive(source, this.deps.ladder);
    this.deps.logger.info(
      { videoId: video.id, source, ladder: plan.ladder.map(({ name, copied }) => ({ name, copied })) },
      'live stream started',
    );
    const stream = new LiveStream({ ...this.deps, now: this.now }, video.id, plan);
    this.running.add(video.id);
    await stream.start(() => {
      this.running.delete(video.id);
      onEnded();
    });
    return stream;
  }

  /**
   * Run every LIVE_SEEN_EVERY_MS by each live process: says which live videos it still makes, and ends
   * those whose process has not said so for LIVE_UNSEEN_AFTER_MS (it died: nobody will end them).
   */
  async keepAlive(): Promise<void> {
    await this.deps.videos.seen([...this.running], this.now());
    await this.endUnseen();
  }

  private async endUnseen(): Promise<void> {
    const now = this.now();
    const ended = await this.deps.videos.endUnseen(new Date(now.getTime() - LIVE_UNSEEN_AFTER_MS), now);
    if (ended.length > 0)
      this.deps.logger.warn({ videoIds: ended }, 'live videos ended: the process making them was lost');
  }

  /** An admitted publish that left before it sent a picture: its video ends with nothing in it. */
  abandon(video: Video): Promise<void> {
    return this.deps.videos.end(video.id, this.now());
  }
}
