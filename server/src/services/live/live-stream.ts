// One live stream being made into a ladder. Each publish of its encoder is a run (live-runs.ts): the
// publisher's FLV goes into one ffmpeg, whose segments and playlists are published under the video's prefix
// as they appear. When the publisher drops, its run ends and the stream waits for it to publish again on
// the same key; a publish within the grace starts the next run of the same video. When the grace passes,
// or ffmpeg stops by itself, the last segments and the ended playlists go up and the video is ended (which
// queues the making of its VOD).
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type { Logger } from 'pino';
import type { LiveVideoRepository } from '../../adapters/db/live-video.repository.js';
import type { ObjectStorage } from '../../adapters/storage/object-storage.js';
import type { LiveSource } from '../../domain/live-source.js';
import { processedPrefix } from '../../domain/video-files.js';
import { runFfmpeg } from '../../media/ffmpeg-runner.js';
import {
  buildLiveArgs,
  type LiveLadderPolicy,
  type LivePlan,
  liveRenditionFolders,
  planLive,
  resumedPlan,
} from '../../media/live-ladder.js';
import { joinRuns, nextSegmentNumber, runPlaylistName } from '../../media/live-runs.js';
import { GrowingPublication } from '../processing/growing-publication.js';

export interface LiveStreamDeps {
  videos: LiveVideoRepository;
  storage: ObjectStorage;
  ffmpeg: string;
  scratchDir: string;
  ladder: LiveLadderPolicy;
  publishIntervalMs: number;
  /** How long a dropped publisher has to publish again and continue the stream. */
  reconnectMs: number;
  logger: Logger;
  now: () => Date;
}

/** A run may last this long; ffmpeg is stopped past it (and the stream ends). */
const LONGEST_RUN_MS = 12 * 3600_000;
/**
 * FLV waiting for ffmpeg beyond this means it cannot keep up with the publisher (a ladder too large for
 * the machine): the stream is ended rather than let the backlog grow without bound.
 */
const MOST_BACKLOG_BYTES = 64 * 1024 ** 2;

/** One publish's ffmpeg. */
interface Run {
  stdin: Writable | undefined;
  /** Its publisher left: its ffmpeg ending is the wait for a reconnect, not the end of the stream. */
  publisherLeft: boolean;
  exited: Promise<void>;
}

export class LiveStream {
  private readonly publication: GrowingPublication;
  private readonly outputDir: string;
  private plan: LivePlan | undefined;
  private runs = 0;
  private current: Run | undefined;
  private waiting: NodeJS.Timeout | undefined;
  private ending: Promise<void> | undefined;

  constructor(
    private readonly deps: LiveStreamDeps,
    readonly videoId: string,
    /** Told once the stream is over, whatever ended it. */
    private readonly onEnded: () => void,
  ) {
    this.outputDir = path.join(deps.scratchDir, `live-${videoId}`);
    this.publication = new GrowingPublication({
      storage: deps.storage,
      prefix: processedPrefix(videoId),
      outputDir: this.outputDir,
      intervalMs: deps.publishIntervalMs,
      onPlayable: () => deps.videos.markPlayable(videoId),
      readPlaylist: (rendition) => this.joinedPlaylist(rendition),
      logger: deps.logger,
    });
  }

  /**
   * Starts the run of a publisher that sends `source`: the first run plans the ladder, a later one keeps
   * it. `onRunEnded` is told when this run's ffmpeg has stopped, so its publisher can be let go.
   */
  async run(source: LiveSource, onRunEnded: () => void): Promise<void> {
    clearTimeout(this.waiting);
    this.waiting = undefined;
    await this.current?.exited;
    const index = this.runs;
    const plan = this.plan
      ? resumedPlan(this.plan, source, this.deps.ladder)
      : planLive(source, this.deps.ladder);
    const firstSegment = nextSegmentNumber(await this.runPlaylists(plan));
    this.deps.logger.info(
      {
        videoId: this.videoId,
        run: index,
        source,
        ladder: plan.ladder.map(({ name, copied }) => ({ name, copied })),
      },
      index === 0 ? 'live stream started' : 'live stream continues after a reconnect',
    );
    if (this.ending) {
      onRunEnded(); // the stream ended while this publisher was being taken
      return;
    }
    if (!this.plan) {
      this.plan = plan;
      await mkdir(this.outputDir, { recursive: true });
      await this.deps.videos.recordLadder(this.videoId, plan.ladder);
      this.publication.start({ renditions: liveRenditionFolders(plan), masterPlaylist: plan.masterPlaylist });
    }
    this.runs += 1;
    const run: Run = { stdin: undefined, publisherLeft: false, exited: Promise.resolve() };
    run.exited = runFfmpeg(this.deps.ffmpeg, buildLiveArgs(plan, this.outputDir, { index, firstSegment }), {
      durationSeconds: 0,
      timeoutMs: LONGEST_RUN_MS,
      feed: (stdin) => {
        run.stdin = stdin;
        // ffmpeg leaving first (a failure) closes its stdin: the stream ends below, not with an error here.
        stdin.on('error', () => {});
      },
    }).catch((error: unknown) => {
      this.deps.logger.error({ err: error, videoId: this.videoId, run: index }, 'live ffmpeg failed');
    });
    this.current = run;
    void run.exited.then(() => {
      onRunEnded();
      // ffmpeg stopped with its publisher still there (a failure, or the longest run): nothing more comes.
      if (!run.publisherLeft) void this.end();
    });
  }

  /** Whether a publisher has sent it a picture: from then on this process makes the video. */
  get hasRun(): boolean {
    return this.runs > 0;
  }

  /** The current publisher's next FLV bytes. */
  write(flv: Buffer): void {
    const stdin = this.current?.stdin;
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

  /**
   * The publisher left (or never sent a picture): its run ends, and the stream waits for a publish on
   * its key to continue it. A stream that never ran has nothing to continue: it ends.
   */
  detach(): void {
    if (this.ending) return;
    if (this.runs === 0) {
      void this.end();
      return;
    }
    if (this.current) {
      this.current.publisherLeft = true;
      this.current.stdin?.end();
    }
    clearTimeout(this.waiting);
    this.waiting = setTimeout(() => void this.end(), this.deps.reconnectMs);
  }

  /** Takes a publisher back into a waiting stream; false when it is not waiting (or ended meanwhile). */
  claim(): boolean {
    if (this.ending || this.waiting === undefined) return false;
    clearTimeout(this.waiting);
    this.waiting = undefined;
    return true;
  }

  /** Ends the stream once: the rest is published, the video ended. */
  end(): Promise<void> {
    this.ending ??= this.finish();
    return this.ending;
  }

  private async finish(): Promise<void> {
    clearTimeout(this.waiting);
    this.current?.stdin?.end();
    await this.current?.exited;
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
    this.deps.logger.info({ videoId: this.videoId, runs: this.runs }, 'live stream ended');
    this.onEnded();
  }

  /** Every run's playlist of every rendition, as ffmpeg wrote them. */
  private async runPlaylists(plan: LivePlan): Promise<string[]> {
    const folders = liveRenditionFolders(plan);
    return (await Promise.all(folders.map((folder) => this.runsOf(folder)))).flat();
  }

  private async runsOf(rendition: string): Promise<string[]> {
    const runs = await Promise.all(
      Array.from({ length: this.runs }, (_, index) =>
        readFile(path.join(this.outputDir, rendition, runPlaylistName(index)), 'utf8').catch(() => ''),
      ),
    );
    return runs.filter((playlist) => playlist !== '');
  }

  private async joinedPlaylist(rendition: string): Promise<string | undefined> {
    const joined = joinRuns(await this.runsOf(rendition));
    return joined === '' ? undefined : joined;
  }
}
