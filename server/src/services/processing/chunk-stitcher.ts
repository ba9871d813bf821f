// Publishes what a chunked transcode has so far, after each part of it is done. Each rung's playlist lists
// the segments of the chunks finished from the first on, in order (an EVENT playlist that grows, then VOD);
// the master goes up once the first chunk and the audio have segments out, and the video is ready when
// every part is done. Stitchers take turns on the video's lock, so a playlist never shrinks.
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type {
  ChunkedTranscodeRepository,
  ChunkedTranscodeState,
} from '../../adapters/db/chunked-transcode.repository.js';
import type { Database } from '../../adapters/db/schema.js';
import type { VideoStateRepository } from '../../adapters/db/video-state.repository.js';
import type { ObjectStorage } from '../../adapters/storage/object-storage.js';
import {
  MASTER_PLAYLIST,
  piecesPrefix,
  processedPrefix,
  SHORT_LIVED,
  VARIANT_PLAYLIST,
} from '../../domain/video-files.js';
import { CHUNKED_TIMELINE_START } from '../../media/chunk-commands.js';
import type { ChunkedPlan } from '../../media/chunked-transcode.js';
import { describeOutput } from '../../media/published-files.js';
import { type VariantPlaylist, writeVariantPlaylist } from '../../media/variant-playlist.js';
import { GROWING } from './growing-publication.js';
import { transcodedDetails } from './transcoded-details.js';

export interface ChunkStitcherDeps {
  chunks: ChunkedTranscodeRepository;
  videos: VideoStateRepository;
  storage: ObjectStorage;
  /** Runs in the transaction that publishes a video: enqueues the news for its channel's subscribers. */
  announce: (videoId: string, transaction: Kysely<Database>) => Promise<unknown>;
  logger: Logger;
}

export class ChunkStitcher {
  constructor(private readonly deps: ChunkStitcherDeps) {}

  async stitch(videoId: string): Promise<void> {
    const { chunks, videos, storage } = this.deps;
    // Only storage is written under the lock: the video's row is updated after it (an embedded database
    // has one connection, which the lock's transaction holds).
    const stitched = await chunks.stitchLocked(videoId, async (state) => {
      if (!state) return { stitchedChunks: 0, playable: false, result: undefined };
      const progress = await this.publish(videoId, state);
      return { ...progress, result: { ...progress, plan: state.plan as ChunkedPlan } };
    });
    if (!stitched) return;
    if (!stitched.complete) {
      if (stitched.playable && (await videos.setPlayableWhileProcessing(videoId, true)))
        this.deps.logger.debug({ videoId }, 'chunked video playable while it is encoded');
      await videos.reportProgress(videoId, stitched.percent);
      return;
    }
    const finished = stitched.plan;
    const published = await videos.markReady(
      videoId,
      {
        ...transcodedDetails(finished.source, finished.display, finished.ladder),
        mediaStartSeconds: CHUNKED_TIMELINE_START,
      },
      (transaction) => this.deps.announce(videoId, transaction),
    );
    if (published) this.deps.logger.info({ videoId, chunks: finished.chunks.length }, 'chunked video ready');
    await storage.deletePrefix('raw', piecesPrefix(videoId));
    await chunks.forget(videoId);
  }

  /**
   * The first segments of the first chunk (in every rung) or of the audio are out, published as they are
   * encoded: with both, the video is playable.
   */
  async leadPublished(videoId: string, of: 'chunk' | 'audio'): Promise<void> {
    await this.deps.chunks.recordLeadPublished(videoId, of);
    await this.stitch(videoId);
  }

  /** Takes back a chunked video's output and pieces: it failed, or was deleted, while its parts ran. */
  async withdraw(videoId: string): Promise<void> {
    await this.deps.storage.deleteObject('processed', `${processedPrefix(videoId)}${MASTER_PLAYLIST}`);
    await this.deps.storage.deletePrefix('processed', processedPrefix(videoId));
    await this.deps.storage.deletePrefix('raw', piecesPrefix(videoId));
    await this.deps.chunks.forget(videoId);
  }

  private async publish(videoId: string, state: ChunkedTranscodeState) {
    const plan = state.plan as ChunkedPlan;
    const done = state.chunks.indexOf(null);
    const stitchedChunks = done === -1 ? state.chunks.length : done;
    const allChunks = stitchedChunks === plan.chunks.length;
    if (stitchedChunks > state.stitchedChunks) {
      const encoded = state.chunks.slice(0, stitchedChunks) as Record<string, VariantPlaylist>[];
      for (const { name } of plan.ladder) {
        const playlists = encoded.map((chunk) => chunk[name] as VariantPlaylist);
        await this.putPlaylist(videoId, name, playlists, plan, allChunks);
      }
    }
    const audioDone = !plan.source.audio || state.audio !== null;
    const videoStarted = stitchedChunks > 0 || state.leadPublished;
    const audioStarted = audioDone || state.audioLeadPublished;
    const playable = state.playable || (videoStarted && audioStarted);
    if (playable && !state.playable)
      await this.put(videoId, MASTER_PLAYLIST, plan.masterPlaylist, SHORT_LIVED);
    const encodedSeconds = plan.chunks
      .slice(0, stitchedChunks)
      .reduce((sum, chunk) => sum + chunk.durationSeconds, 0);
    const percent = Math.min(99, Math.round((99 * encodedSeconds) / plan.source.durationSeconds));
    return { stitchedChunks, playable, percent, complete: allChunks && audioDone && state.extrasDone };
  }

  private async putPlaylist(
    videoId: string,
    rendition: string,
    chunks: VariantPlaylist[],
    plan: ChunkedPlan,
    complete: boolean,
  ): Promise<void> {
    const initUri = chunks[0]?.initUri;
    if (!initUri) throw new Error(`the first chunk of ${videoId} has no init segment for ${rendition}`);
    const text = writeVariantPlaylist({
      initUri,
      segments: chunks.flatMap((chunk) => chunk.segments),
      targetSeconds: plan.policy.segmentSeconds,
      complete,
    });
    await this.put(videoId, `${rendition}/${VARIANT_PLAYLIST}`, text, complete ? SHORT_LIVED : GROWING);
  }

  private async put(videoId: string, file: string, text: string, cacheControl: string): Promise<void> {
    await this.deps.storage.putObject('processed', `${processedPrefix(videoId)}${file}`, Buffer.from(text), {
      contentType: describeOutput(file).contentType,
      cacheControl,
    });
  }
}
