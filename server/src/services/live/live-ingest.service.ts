// Live publishes, as the ingest hands them over: a publish is admitted only with a stream key in use whose
// channel is not live with it already (the live video and its LiveStream are made then); a publish on a key
// whose stream here waits for its dropped publisher continues that stream instead.
import type { Logger } from 'pino';
import type { LiveVideoRepository } from '../../adapters/db/live-video.repository.js';
import type { StreamKeyRepository } from '../../adapters/db/stream-key.repository.js';
import type { ObjectStorage } from '../../adapters/storage/object-storage.js';
import type { LiveLadderPolicy } from '../../media/live-ladder.js';
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
  /** How long a dropped publisher has to publish again and continue its stream. */
  reconnectMs: number;
  logger: Logger;
  now?: () => Date;
}

/** Why a publish was refused, as the ingest logs it (never with the key). */
export type LiveRefusal = 'unknown_or_revoked_key' | 'already_live';

/** How often a live process says which live videos it still makes. */
export const LIVE_SEEN_EVERY_MS = 5_000;
/** A live video unseen this long lost the process making it: it is ended, its recording so far kept. */
export const LIVE_UNSEEN_AFTER_MS = 30_000;

export type Admission = { admitted: true; stream: LiveStream } | { admitted: false; reason: LiveRefusal };

export class LiveIngestService {
  private readonly now: () => Date;
  /** The streams this process makes now (waiting for a reconnect included), by stream key id. */
  private readonly streams = new Map<string, LiveStream>();

  constructor(private readonly deps: LiveIngestDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async admit(key: string): Promise<Admission> {
    const streamKey = await this.deps.keys.findActiveByHash(hashSessionToken(key));
    if (!streamKey) return { admitted: false, reason: 'unknown_or_revoked_key' };
    const waiting = this.streams.get(streamKey.id);
    if (waiting?.claim()) return { admitted: true, stream: waiting };
    // A key whose live video lost its process goes live again at once, not after the next look.
    await this.endUnseen();
    const video = await this.deps.videos.start(
      newVideoId(),
      streamKey,
      `Live: ${streamKey.name}`,
      this.now(),
    );
    if (!video) return { admitted: false, reason: 'already_live' };
    const stream = new LiveStream({ ...this.deps, now: this.now }, video.id, () => {
      if (this.streams.get(streamKey.id) === stream) this.streams.delete(streamKey.id);
    });
    this.streams.set(streamKey.id, stream);
    return { admitted: true, stream };
  }

  /** Ends every stream of this process (it is shutting down). */
  async endAll(): Promise<void> {
    await Promise.all([...this.streams.values()].map((stream) => stream.end()));
  }

  /**
   * Run every LIVE_SEEN_EVERY_MS by each live process: says which live videos it still makes, and ends
   * those whose process has not said so for LIVE_UNSEEN_AFTER_MS (it died: nobody will end them).
   */
  async keepAlive(): Promise<void> {
    const running = [...this.streams.values()]
      .filter((stream) => stream.hasRun)
      .map((stream) => stream.videoId);
    await this.deps.videos.seen(running, this.now());
    await this.endUnseen();
  }

  private async endUnseen(): Promise<void> {
    const now = this.now();
    const ended = await this.deps.videos.endUnseen(new Date(now.getTime() - LIVE_UNSEEN_AFTER_MS), now);
    if (ended.length > 0)
      this.deps.logger.warn({ videoIds: ended }, 'live videos ended: the process making them was lost');
  }
}
