// Makes an ended live stream a video like an upload: its live segments stay the ladder (nothing is
// encoded again); its playlists are made final (ended, of type VOD, with the usual cache life: a stream
// whose process was lost never ended them), its poster and storyboard are made from the recording of its
// lowest video rung, and it is published `ready` and announced. Run by a job queued with the end, so a
// crash between the two loses nothing; a rerun writes the same files again.
import { existsSync } from 'node:fs';
import { appendFile, copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../adapters/db/schema.js';
import type { VideoRepository } from '../../adapters/db/video.repository.js';
import type { VideoStateRepository } from '../../adapters/db/video-state.repository.js';
import type { ObjectStorage } from '../../adapters/storage/object-storage.js';
import type { RenditionRecord } from '../../domain/video.js';
import {
  MASTER_PLAYLIST,
  POSTER_FILE,
  processedPrefix,
  STORYBOARD_TRACK,
  VARIANT_PLAYLIST,
} from '../../domain/video-files.js';
import { CHUNK_POSTER, planChunkedStills, STILLS_FOLDER, thumbnailName } from '../../media/chunk-stills.js';
import { runFfmpeg } from '../../media/ffmpeg-runner.js';
import { finalPlaylist, type RecordedRun, recordedRuns, variantPlaylists } from '../../media/live-runs.js';
import { buildRunStillsArgs, runChunks } from '../../media/live-stills.js';
import { describeOutput } from '../../media/published-files.js';
import { buildStoryboardVtt, type StoryboardPolicy } from '../../media/storyboard.js';
import { tileStoryboard } from '../../media/storyboard-sheets.js';
import { publish } from '../processing/scratch-files.js';

export interface LiveRecordingDeps {
  videos: Pick<VideoRepository, 'findById'>;
  states: Pick<VideoStateRepository, 'markReady' | 'markFailed'>;
  storage: ObjectStorage;
  ffmpeg: string;
  storyboard: StoryboardPolicy;
  scratchDir: string;
  /** Runs in the transaction that publishes the video: enqueues the news for its channel's subscribers. */
  announce: (videoId: string, transaction: Kysely<Database>) => Promise<unknown>;
  logger: Logger;
}

const NOTHING_RECORDED = 'The live stream ended before it sent a picture';
/** A run's stills take a fraction of its length to make; this much is allowed at the least. */
const SHORTEST_STILLS_TIMEOUT_MS = 60_000;

export class LiveRecordingService {
  constructor(private readonly deps: LiveRecordingDeps) {}

  /**
   * Stills that cannot be made on the job's last attempt are left out: the recording is published without
   * them rather than left unlisted for ever.
   */
  async publish(videoId: string, attempt: { isLast: boolean; signal?: AbortSignal }): Promise<void> {
    const { logger } = this.deps;
    const video = await this.deps.videos.findById(videoId);
    if (video?.state !== 'processing' || video.live?.state !== 'ended') {
      logger.info({ videoId }, 'no ended live video to publish; job skipped');
      return;
    }
    if (!video.playable || !video.renditions?.length) {
      await this.deps.states.markFailed(videoId, NOTHING_RECORDED);
      return;
    }
    const started = performance.now();
    const durationSeconds = await this.finishPlaylists(videoId);
    await this.makeStills(videoId, video.renditions, attempt.signal).catch((error: unknown) => {
      if (!attempt.isLast) throw error;
      logger.error({ err: error, videoId }, 'live recording published without a poster and storyboard');
    });
    const top = video.renditions.at(-1) as RenditionRecord;
    await this.deps.states.markReady(
      videoId,
      { durationSeconds, width: top.width, height: top.height, renditions: video.renditions },
      (transaction) => this.deps.announce(videoId, transaction),
    );
    logger.info(
      { videoId, durationSeconds, ms: Math.round(performance.now() - started) },
      'live recording published as a video',
    );
  }

  /** Every variant playlist, then the master, published final; returns the recording's length. */
  private async finishPlaylists(videoId: string): Promise<number> {
    const master = await this.text(videoId, MASTER_PLAYLIST);
    let durationSeconds = 0;
    for (const variant of variantPlaylists(master)) {
      const playlist = finalPlaylist(await this.text(videoId, variant));
      await this.put(videoId, variant, playlist);
      const length = recordedRuns(playlist).reduce((sum, run) => sum + run.durationSeconds, 0);
      durationSeconds = Math.max(durationSeconds, length);
    }
    await this.put(videoId, MASTER_PLAYLIST, master);
    return durationSeconds;
  }

  /** The poster and storyboard, from the lowest video rung: the least to fetch and decode. */
  private async makeStills(videoId: string, ladder: RenditionRecord[], signal?: AbortSignal): Promise<void> {
    const rung = ladder[0] as RenditionRecord;
    const runs = recordedRuns(await this.text(videoId, `${rung.name}/${VARIANT_PLAYLIST}`));
    await mkdir(this.deps.scratchDir, { recursive: true });
    const scratch = await mkdtemp(path.join(this.deps.scratchDir, `vidstream-live-${videoId}-`));
    try {
      const chunks = runChunks(runs.map((run) => run.durationSeconds));
      const total = chunks.reduce((sum, chunk) => sum + chunk.durationSeconds, 0);
      const stills = planChunkedStills(total, rung, this.deps.storyboard);
      await mkdir(path.join(scratch, STILLS_FOLDER));
      for (const [index, run] of runs.entries()) {
        const chunk = chunks[index];
        const recording = { path: path.join(scratch, `run-${index}.mp4`), ...rung };
        const args = chunk && buildRunStillsArgs(stills, chunk, recording, scratch);
        if (!chunk || !args) continue;
        await this.fetchRun(videoId, rung.name, run, recording.path);
        await runFfmpeg(this.deps.ffmpeg, args, {
          durationSeconds: chunk.durationSeconds,
          timeoutMs: Math.max(SHORTEST_STILLS_TIMEOUT_MS, chunk.durationSeconds * 1000),
          signal,
        });
        await rm(recording.path);
      }
      const outputDir = path.join(scratch, 'out');
      await mkdir(outputDir);
      const stillsDir = path.join(scratch, STILLS_FOLDER);
      await fillGaps(stillsDir, stills.storyboard.thumbnails);
      const sheets = await tileStoryboard(stills.storyboard, stillsDir, outputDir);
      await writeFile(path.join(outputDir, STORYBOARD_TRACK), buildStoryboardVtt(stills.storyboard, total));
      // A poster whose moment fell in such a gap: the first thumbnail.
      const poster = existsSync(path.join(stillsDir, CHUNK_POSTER)) ? CHUNK_POSTER : thumbnailName(0);
      await copyFile(path.join(stillsDir, poster), path.join(outputDir, POSTER_FILE));
      // The track last: a player that finds it finds every sheet it points into.
      const prefix = processedPrefix(videoId);
      await publish(this.deps.storage, outputDir, prefix, [...sheets, POSTER_FILE].map(describeOutput));
      await publish(this.deps.storage, outputDir, prefix, [describeOutput(STORYBOARD_TRACK)]);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }

  /** One run of a rung as one fragmented MP4: its init segment, then its segments in order. */
  private async fetchRun(videoId: string, rung: string, run: RecordedRun, file: string): Promise<void> {
    await writeFile(file, '');
    for (const name of [run.init, ...run.segments])
      await appendFile(file, await this.bytes(videoId, `${rung}/${name}`));
  }

  private async text(videoId: string, file: string): Promise<string> {
    return (await this.bytes(videoId, file)).toString('utf8');
  }

  /** A published file of the video; its absence is an error, for the queue to retry. */
  private async bytes(videoId: string, file: string): Promise<Buffer> {
    const object = await this.deps.storage.getObject('processed', `${processedPrefix(videoId)}${file}`);
    if (!object) throw new Error(`live video ${videoId}: ${file} is not in storage`);
    const parts: Buffer[] = [];
    for await (const part of object.body) parts.push(Buffer.from(part as Uint8Array));
    return Buffer.concat(parts);
  }

  private async put(videoId: string, file: string, text: string): Promise<void> {
    const { contentType, cacheControl } = describeOutput(file);
    await this.deps.storage.putObject('processed', `${processedPrefix(videoId)}${file}`, Buffer.from(text), {
      contentType,
      cacheControl,
    });
  }
}

/**
 * A run's picture may start or stop a little off the length its playlist gives (the publisher's own
 * timestamps), leaving a thumbnail at a run's edge unmade: the one before it (or the first made) stands
 * in, so the sheets are always whole.
 */
async function fillGaps(dir: string, thumbnails: number): Promise<void> {
  const files = Array.from({ length: thumbnails }, (_, index) => path.join(dir, thumbnailName(index)));
  let standIn = files.find((file) => existsSync(file));
  if (!standIn) throw new Error('no storyboard thumbnail could be made from the recording');
  for (const file of files) {
    if (existsSync(file)) standIn = file;
    else await copyFile(standIn, file);
  }
}
