// Turns a queued upload into a published HLS ladder: download, transcode, publish, mark ready; or, for a
// long source, splits it into chunks for many workers (chunked-processing.ts) and runs those parts.
// Bad input ends the video `failed` with the reason; anything else is thrown so the queue retries it.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { retryWhileDatabaseAway } from '../../adapters/db/outage.js';
import type { Database } from '../../adapters/db/schema.js';
import type { VideoStateRepository } from '../../adapters/db/video-state.repository.js';
import type { TranscodePart } from '../../adapters/queue/job-definitions.js';
import { LeaseLost } from '../../adapters/queue/leased-jobs.js';
import type { ObjectStorage } from '../../adapters/storage/object-storage.js';
import type { Video } from '../../domain/video.js';
import { MASTER_PLAYLIST, PLAYLIST_EXTENSION, processedPrefix, rawKey } from '../../domain/video-files.js';
import { probeSource } from '../../media/probe.js';
import type { PublishedFile } from '../../media/published-files.js';
import { UnusableSource } from '../../media/source-facts.js';
import { type TranscodeOptions, transcodeSource } from '../../media/transcode-source.js';
import type { TranscodeOutcome } from '../../metrics.js';
import type { UploadQuota } from '../upload-quota.js';
import type { ChunkedProcessing } from './chunked-processing.js';
import { GrowingPublication } from './growing-publication.js';
import { download, publish } from './scratch-files.js';
import { OUT_OF_SCRATCH_SPACE, ranOutOfScratchSpace, ScratchSpaceExhausted } from './scratch-space.js';
import { transcodedDetails } from './transcoded-details.js';

/** One run of a job: whether another will follow if it fails, and what stops it. */
export interface Attempt {
  isLast: boolean;
  signal?: AbortSignal;
}

export interface VideoProcessingDeps {
  videos: VideoStateRepository;
  storage: ObjectStorage;
  /** Charges each probed source to its owner's daily processing allowance, or refuses it. */
  compute: Pick<UploadQuota, 'admitCompute'>;
  media: Omit<TranscodeOptions, 'onProgress' | 'onPlan'>;
  /** Where per-job scratch directories are made (deleted after every run). */
  scratchDir: string;
  logger: Logger;
  /** Runs in the transaction that publishes a video: enqueues the news for its channel's subscribers. */
  announce: (videoId: string, transaction: Kysely<Database>) => Promise<unknown>;
  /** How often a ladder being encoded is published as far as it goes. */
  growingIntervalMs: number;
  /** Encodes long sources in chunks on many workers; without it every video is one pass. */
  chunked?: ChunkedProcessing;
  /** Told how long each job ran and how it ended. */
  onFinished?: (outcome: TranscodeOutcome, seconds: number) => void;
}

/** Progress is written at most this often: enough for a live bar, cheap for the database. */
const PROGRESS_INTERVAL_MS = 1_000;
const PROCESSING_FAILED = 'Processing failed; please upload the video again';
const WORKERS_LOST = 'Processing stopped several times before it could finish; please upload the video again';

export class VideoProcessingService {
  constructor(private readonly deps: VideoProcessingDeps) {}

  /** An aborted attempt stops its ffmpeg, withdraws what it published and throws; the video waits for another. */
  async process(videoId: string, attempt: Attempt): Promise<void> {
    const { videos, logger } = this.deps;
    const video = await videos.startProcessing(videoId);
    if (!video) {
      logger.info({ videoId }, 'video no longer waits for processing; job skipped');
      return;
    }
    await this.attempt(videoId, attempt, (scratch) =>
      this.transcodeAndPublish(video, scratch, attempt.signal),
    );
  }

  /** One part of a chunked transcode: a chunk's rungs, the audio, or the poster and storyboard. */
  async processPart(videoId: string, part: TranscodePart, attempt: Attempt): Promise<void> {
    const { videos, logger, chunked } = this.deps;
    if (!chunked || (await videos.stateOf(videoId)) !== 'processing') {
      logger.info({ videoId, part }, 'video no longer processing; part skipped');
      return;
    }
    await this.attempt(videoId, attempt, async (scratch) => {
      await chunked.run(videoId, part, scratch, attempt.signal);
      return 'part';
    });
  }

  /**
   * Runs one attempt in a scratch directory of its own. Bad input ends the video `failed` at once; any other
   * error is thrown for the queue to retry, and ends the video `failed` on the last attempt.
   */
  private async attempt(
    videoId: string,
    attempt: Attempt,
    work: (scratch: string) => Promise<TranscodeOutcome>,
  ): Promise<void> {
    const started = performance.now();
    let outcome: TranscodeOutcome = 'error';
    await mkdir(this.deps.scratchDir, { recursive: true });
    const scratch = await mkdtemp(path.join(this.deps.scratchDir, `vidstream-${videoId}-`));
    try {
      outcome = await work(scratch);
    } catch (error) {
      // Permanent: the same file would fail the same way again, so the job ends here, not retried.
      if (error instanceof UnusableSource) {
        this.deps.logger.info({ videoId, reason: error.message, detail: error.detail }, 'upload refused');
        await this.fail(videoId, error.message);
        outcome = 'failed';
        return;
      }
      const noSpace = ranOutOfScratchSpace(error);
      if (attempt.isLast && !attempt.signal?.aborted)
        await this.fail(videoId, noSpace ? OUT_OF_SCRATCH_SPACE : PROCESSING_FAILED);
      throw noSpace ? new ScratchSpaceExhausted(this.deps.scratchDir, { cause: error }) : error;
    } finally {
      await rm(scratch, { recursive: true, force: true });
      this.deps.onFinished?.(outcome, (performance.now() - started) / 1000);
    }
  }

  /** Ends the video `failed`; a chunked one's other parts then stop, and what they published goes. */
  private async fail(videoId: string, message: string): Promise<void> {
    await this.deps.videos.markFailed(videoId, message);
    await this.deps.chunked?.withdraw(videoId);
  }

  /** Its workers were lost on every attempt (it may be what kills them): the video ends `failed`. */
  async giveUp(videoId: string): Promise<void> {
    await this.fail(videoId, WORKERS_LOST);
    this.deps.logger.warn({ videoId }, 'processing given up: its workers were lost on every attempt');
  }

  private async transcodeAndPublish(
    video: Video,
    scratch: string,
    signal?: AbortSignal,
  ): Promise<TranscodeOutcome> {
    const { videos, storage, logger, chunked } = this.deps;
    const videoId = video.id;
    const input = path.join(scratch, 'source');
    if (!(await download(storage, 'raw', rawKey(videoId), input)))
      throw new UnusableSource('The uploaded file is missing; please upload the video again');
    const source = await probeSource(this.deps.media.ffprobe, input, this.deps.media.limits);
    await this.deps.compute.admitCompute(video.ownerId, videoId, source, new Date());
    const chunkedPlan = await chunked?.plan(source);
    if (chunked && chunkedPlan) {
      await chunked.fanOut(video, input, chunkedPlan, scratch, signal);
      return 'split';
    }

    const outputDir = path.join(scratch, 'out');
    await mkdir(outputDir);
    // A re-run writes the same names over what an earlier attempt left: it deletes nothing first, since
    // an attempt whose job expired may still be publishing beside it (segment names are stable).
    const prefix = processedPrefix(videoId);
    const growing = new GrowingPublication({
      storage,
      prefix,
      outputDir,
      intervalMs: this.deps.growingIntervalMs,
      onPlayable: async () => {
        await videos.setPlayableWhileProcessing(videoId, true);
        logger.info({ videoId }, 'video playable while it is encoded');
      },
      logger,
    });
    let lastReport = 0;
    const result = await transcodeSource(
      input,
      outputDir,
      {
        ...this.deps.media,
        signal,
        onPlan: (plan) => growing.start(plan),
        onProgress: (percent) => {
          if (Date.now() - lastReport < PROGRESS_INTERVAL_MS) return;
          lastReport = Date.now();
          videos.reportProgress(videoId, Math.min(percent, 99)).catch((error: unknown) => {
            logger.warn({ err: error, videoId }, 'could not record progress');
          });
        },
      },
      source,
    ).catch(async (error: unknown) => {
      // Lost its lease: another worker has the job and is publishing under the same prefix; leave it be.
      if (signal?.reason instanceof LeaseLost) await growing.stop();
      else await this.withdraw(videoId, growing);
      throw error;
    });
    await growing.stop();

    // What is not yet out, then the playlists, complete now, which name all of it; the master last.
    const isPlaylist = (file: PublishedFile) => file.relativePath.endsWith(PLAYLIST_EXTENSION);
    const master = (file: PublishedFile) => file.relativePath === MASTER_PLAYLIST;
    await publish(
      storage,
      outputDir,
      prefix,
      result.files.filter((file) => !isPlaylist(file) && !growing.holds(file.relativePath)),
    );
    await publish(
      storage,
      outputDir,
      prefix,
      result.files.filter((file) => isPlaylist(file) && !master(file)),
    );
    await publish(storage, outputDir, prefix, result.files.filter(master));

    const details = transcodedDetails(result.source, result.display, result.ladder);
    // The ladder is out: if PostgreSQL is away now, wait for it rather than transcode again.
    const published = await retryWhileDatabaseAway(
      () => videos.markReady(videoId, details, (transaction) => this.deps.announce(videoId, transaction)),
      {
        signal,
        onAway: (error) =>
          logger.warn({ err: error, videoId }, 'transcoded video not yet marked ready; will retry'),
      },
    );
    // Not published by this attempt: the video was deleted meanwhile (withdraw the output), or another
    // attempt finished it first (keep it).
    if (!published && (await videos.stateOf(videoId)) !== 'ready') {
      logger.info({ videoId }, 'video was deleted while processing; its output is withdrawn');
      await storage.deletePrefix('processed', prefix);
    }
    return 'ready';
  }

  /** A failed encode's partial output goes: the video stops being playable, then its files are deleted. */
  private async withdraw(videoId: string, growing: GrowingPublication): Promise<void> {
    await growing.stop();
    if (growing.isPlayable) {
      await this.deps.videos.setPlayableWhileProcessing(videoId, false);
      await growing.withdraw();
      this.deps.logger.info({ videoId }, 'a failed encode was playable: its playlists are withdrawn');
    }
    await this.deps.storage.deletePrefix('processed', processedPrefix(videoId));
  }
}
