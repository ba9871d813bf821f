// One live stream being made into a ladder: the publisher's FLV goes into one ffmpeg, whose segments and
// playlists are published under the video's prefix as they appear; when the publisher stops, the last
// segments and the ended playlists go up and the video is marked ended.
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type { Logger } from 'pino';
import type { LiveVideoRepository } from '../../adapters/db/live-video.repository.js';
import type { ObjectStorage } from '../../adapters/storage/object-storage.js';
import { processedPrefix } from '../../domain/video-files.js';
import { runFfmpeg } from '../../media/ffmpeg-runner.js';
import { buildLiveArgs, type LivePlan, liveRenditionFolders } from '../../media/live-ladder.js';
import { GrowingPublication } from '../processing/growing-publication.js';

export interface LiveStreamDeps {
  videos: LiveVideoRepository;
  storage: ObjectStorage;
  ffmpeg: string;
  scratchDir: string;
  publishIntervalMs: number;
  logger: Logger;
  now: () => Date;
}

/** A stream may run this long; ffmpeg is stopped past it. */
const LONGEST_STREAM_MS = 12 * 3600_000;
/**
 * FLV waiting for ffmpeg beyond this means it cannot keep up with the publisher (a ladder too large for
 * the machine): the stream is ended rather than let the backlog grow without bound.
 */
const MOST_BACKLOG_BYTES = 64 * 1024 ** 2;

export class LiveStream {
  private stdin: Writable | undefined;
  private readonly publication: GrowingPublication;
  private readonly outputDir: string;
  private running: Promise<void> | undefined;
  private ending: Promise<void> | undefined;

  constructor(
    private readonly deps: LiveStreamDeps,
    readonly videoId: string,
    private readonly plan: LivePlan,
  ) {
    this.outputDir = path.join(deps.scratchDir, `live-${videoId}`);
    this.publication = new GrowingPublication({
      storage: deps.storage,
      prefix: processedPrefix(videoId),
      outputDir: this.outputDir,
      intervalMs: deps.publishIntervalMs,
      onPlayable: () => deps.videos.markPlayable(videoId),
      logger: deps.logger,
    });
  }

  /** Starts ffmpeg and the publication; `onEnded` is told once the stream is over, whatever ended it. */
  async start(onEnded: () => void): Promise<void> {
    await mkdir(this.outputDir, { recursive: true });
    this.running = runFfmpeg(this.deps.ffmpeg, buildLiveArgs(this.plan, this.outputDir), {
      durationSeconds: 0,
      timeoutMs: LONGEST_STREAM_MS,
      feed: (stdin) => {
        this.stdin = stdin;
        // ffmpeg leaving first (a failure) closes its stdin: the stream ends below, not with an error here.
        stdin.on('error', () => {});
      },
    }).catch((error: unknown) => {
      this.deps.logger.error({ err: error, videoId: this.videoId }, 'live ffmpeg failed');
    });
    this.publication.start({
      renditions: liveRenditionFolders(this.plan),
      masterPlaylist: this.plan.masterPlaylist,
    });
    void this.running.then(() => this.end()).then(onEnded);
  }

  /** The publisher's next FLV bytes. */
  write(flv: Buffer): void {
    const stdin = this.stdin;
    if (!stdin || stdin.destroyed || stdin.writableEnded) return;
    if (stdin.writableLength > MOST_BACKLOG_BYTES) {
      this.deps.logger.warn(
        { videoId: this.videoId },
        'live ffmpeg falls behind the publisher: ending the stream',
      );
      void this.end();
      return;
    }
    stdin.write(flv);
  }

  /** Ends the stream once (the publisher stopped, or ffmpeg did): the rest is published, the video ended. */
  end(): Promise<void> {
    this.ending ??= this.finish();
    return this.ending;
  }

  private async finish(): Promise<void> {
    this.stdin?.end();
    await this.running;
    try {
      await this.publication.finish();
    } catch (error) {
      this.deps.logger.error(
        { err: error, videoId: this.videoId },
        'the end of a live stream was not published',
      );
    }
    await this.deps.videos.end(this.videoId, this.deps.now());
    await rm(this.outputDir, { recursive: true, force: true });
    this.deps.logger.info({ videoId: this.videoId }, 'live stream ended');
  }
}
