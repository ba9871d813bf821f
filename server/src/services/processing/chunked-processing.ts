// A long video encoded by many workers. The job that probed it records the plan and splits the source by
// stream copy (no decode): the audio first, queued as a job of its own; then it encodes the first chunk
// itself, from the source it holds, publishing it as it grows, while it stores every other chunk's piece
// and queues that chunk's job (cutting the next piece while one goes up). Each part's job fetches only
// what it reads, publishes its files, records its playlists and stitches (chunk-stitcher.ts). Each chunk
// also writes its share of the storyboard and the poster; the job that records the last chunk assembles
// them (stills-assembly.ts). A part that fails is retried alone; a part an earlier attempt recorded only
// stitches again.
import { createReadStream } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { ChunkedTranscodeRepository } from '../../adapters/db/chunked-transcode.repository.js';
import type { Database } from '../../adapters/db/schema.js';
import type { TranscodePart } from '../../adapters/queue/job-definitions.js';
import type { ObjectStorage } from '../../adapters/storage/object-storage.js';
import type { Video } from '../../domain/video.js';
import {
  AUDIO_RENDITION,
  piecesPrefix,
  processedPrefix,
  rawKey,
  STORYBOARD_TRACK,
  VARIANT_PLAYLIST,
} from '../../domain/video-files.js';
import type { Chunk, ChunkPolicy } from '../../media/chunk-plan.js';
import {
  type ChunkedPlan,
  cutAudioPiece,
  cutChunkPiece,
  encodeAudio,
  planChunkedTranscode,
  type RunContext,
} from '../../media/chunked-transcode.js';
import { runWithinDeadline } from '../../media/deadline-run.js';
import { describeOutput } from '../../media/published-files.js';
import { type SourceFacts, UnusableSource } from '../../media/source-facts.js';
import { type PlanInputs, planTranscode } from '../../media/transcode-plan.js';
import { writeVariantPlaylist } from '../../media/variant-playlist.js';
import { ChunkEncoder } from './chunk-encoder.js';
import type { ChunkStitcher } from './chunk-stitcher.js';
import { GrowingPublication } from './growing-publication.js';
import { pipelined } from './pipelined.js';
import { download, publish } from './scratch-files.js';
import { StillsAssembly } from './stills-assembly.js';

export interface ChunkedProcessingDeps {
  chunks: ChunkedTranscodeRepository;
  stitcher: ChunkStitcher;
  storage: ObjectStorage;
  ffmpeg: string;
  planInputs: PlanInputs;
  chunkPolicy: ChunkPolicy;
  /** Transcode slots free to take a part now, besides the one planning: chunks are shorter when many are. */
  idleWorkers: () => Promise<number>;
  /** How often the first chunk's growing output is published. */
  growingIntervalMs: number;
  /** Queues one part's job in the transaction that records the plan, in the owner's fair turn. */
  enqueue: (
    videoId: string,
    part: TranscodePart,
    ownerId: string,
    transaction: Kysely<Database>,
  ) => Promise<unknown>;
  logger: Logger;
}

const pieceKey = (videoId: string, name: string) => `${piecesPrefix(videoId)}${name}`;
const MISSING_PIECE = 'Part of the uploaded file is missing; please upload the video again';

export class ChunkedProcessing {
  private readonly encoder: ChunkEncoder;
  private readonly assembly: StillsAssembly;

  constructor(private readonly deps: ChunkedProcessingDeps) {
    this.encoder = new ChunkEncoder(deps);
    this.assembly = new StillsAssembly(deps);
  }

  /** The chunked plan of a probed source, for the workers there are, or undefined when one pass will do. */
  async plan(source: SourceFacts): Promise<ChunkedPlan | undefined> {
    const workers = 1 + (await this.deps.idleWorkers());
    return planChunkedTranscode(source, { ...this.deps.planInputs, chunks: this.deps.chunkPolicy, workers });
  }

  /** Splits the downloaded source, queues its parts, and encodes the first chunk here. */
  async fanOut(video: Video, input: string, plan: ChunkedPlan, scratch: string, signal?: AbortSignal) {
    const dir = path.join(scratch, 'pieces');
    await mkdir(dir);
    const context = this.context(signal);
    if (plan.source.audio) await this.storePiece(video.id, await cutAudioPiece(plan, input, dir, context));
    const begun = await this.deps.chunks.begin(video.id, plan, plan.chunks.length, async (transaction) => {
      // The chunks make the poster and storyboard (stills-assembly.ts): no part reads the whole source.
      const parts: TranscodePart[] = [
        ...(plan.source.audio ? [{ kind: 'audio' } as const] : []),
        ...(plan.stills ? [] : [{ kind: 'extras' } as const]),
      ];
      for (const part of parts) await this.deps.enqueue(video.id, part, video.ownerId, transaction);
    });
    this.deps.logger.info(
      { videoId: video.id, chunks: plan.chunks.length, begun },
      'video split into chunks',
    );
    const [first, ...others] = plan.chunks as [Chunk, ...Chunk[]];
    const firstPiece = await cutChunkPiece(plan, first, input, dir, context);
    // The other pieces are cut once the first chunk has segments out: until then this core is the first
    // segment's, which the viewer waits for. Both run to the end, whatever the other does: the scratch
    // directory is removed after.
    let onLeadOut = () => {};
    const leadOut = new Promise<void>((resolve) => {
      onLeadOut = resolve;
    });
    const outcomes = await Promise.allSettled([
      this.encoder
        .encode(video.id, plan, first.index, firstPiece, scratch, context, onLeadOut)
        .finally(onLeadOut),
      leadOut.then(() => this.queueChunks(video, plan, others, input, dir, context)),
    ]);
    for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
    await this.assembly.assembleIfDue(video.id, scratch);
    await this.deps.stitcher.stitch(video.id);
  }

  /**
   * Stores each chunk's piece and queues its job, the first ones first; the next piece is cut while the
   * one before goes up to storage.
   */
  private async queueChunks(
    video: Video,
    plan: ChunkedPlan,
    chunks: Chunk[],
    input: string,
    dir: string,
    context: RunContext,
  ) {
    const queued = await this.deps.chunks.queuedChunks(video.id);
    await pipelined(
      chunks.filter((candidate) => !queued.has(candidate.index)),
      (chunk) => cutChunkPiece(plan, chunk, input, dir, context),
      async (chunk, piece) => {
        await this.storePiece(video.id, piece);
        await this.deps.chunks.queueChunk(video.id, chunk.index, (transaction) =>
          this.deps.enqueue(video.id, { kind: 'chunk', index: chunk.index }, video.ownerId, transaction),
        );
      },
    );
  }

  private async storePiece(videoId: string, file: string): Promise<void> {
    await this.deps.storage.putObject('raw', pieceKey(videoId, path.basename(file)), createReadStream(file), {
      contentType: 'video/x-matroska',
      cacheControl: 'no-store',
    });
  }

  /** A chunked video failed: what its parts published and its pieces go. */
  async withdraw(videoId: string): Promise<void> {
    if (await this.deps.chunks.plan(videoId)) await this.deps.stitcher.withdraw(videoId);
  }

  async run(videoId: string, part: TranscodePart, scratch: string, signal?: AbortSignal): Promise<void> {
    const plan = (await this.deps.chunks.plan(videoId)) as ChunkedPlan | undefined;
    if (!plan) {
      this.deps.logger.info({ videoId, part }, 'no chunked transcode for this part any more; job skipped');
      return;
    }
    if (part.kind === 'chunk') {
      await this.encodeChunk(videoId, plan, part.index, scratch, signal);
      // Also when the chunk was recorded already: the attempt that recorded it may have failed assembling.
      await this.assembly.assembleIfDue(videoId, scratch);
    } else if (part.kind === 'audio') await this.encodeAudio(videoId, plan, scratch, signal);
    else await this.makeExtras(videoId, plan, scratch, signal);
    await this.deps.stitcher.stitch(videoId);
  }

  private async encodeChunk(
    videoId: string,
    plan: ChunkedPlan,
    index: number,
    scratch: string,
    signal?: AbortSignal,
  ) {
    if (await this.deps.chunks.isChunkDone(videoId, index)) return;
    const piece = await this.fetchPiece(videoId, `chunk-${index}.mkv`, scratch);
    await this.encoder.encode(videoId, plan, index, piece, scratch, this.context(signal));
  }

  /** The audio of the whole video, published as it is encoded, like the first chunk. */
  private async encodeAudio(videoId: string, plan: ChunkedPlan, scratch: string, signal?: AbortSignal) {
    const piece = await this.fetchPiece(videoId, `${AUDIO_RENDITION}.mkv`, scratch);
    const outputDir = path.join(scratch, 'out');
    await mkdir(outputDir);
    const { storage, stitcher, logger } = this.deps;
    const growing = new GrowingPublication({
      storage,
      prefix: processedPrefix(videoId),
      outputDir,
      intervalMs: this.deps.growingIntervalMs,
      onPlayable: () => stitcher.leadPublished(videoId, 'audio'),
      logger,
    });
    growing.start({ renditions: [AUDIO_RENDITION] });
    const playlist = await encodeAudio(plan, piece, outputDir, this.context(signal)).finally(() =>
      growing.stop(),
    );
    const complete = writeVariantPlaylist({
      initUri: playlist.initUri ?? '',
      segments: playlist.segments,
      targetSeconds: plan.policy.segmentSeconds,
      complete: true,
    });
    await writeFile(path.join(outputDir, AUDIO_RENDITION, VARIANT_PLAYLIST), complete);
    const files = [playlist.initUri, ...playlist.segments.map((segment) => segment.uri)]
      .map((file) => `${AUDIO_RENDITION}/${file}`)
      .filter((file) => !growing.holds(file));
    await publish(storage, outputDir, processedPrefix(videoId), [
      ...files.map(describeOutput),
      describeOutput(`${AUDIO_RENDITION}/${VARIANT_PLAYLIST}`),
    ]);
    await this.deps.chunks.recordAudio(videoId, playlist);
  }

  /**
   * The poster and the storyboard of a video whose plan was recorded before the chunks made them: this
   * part reads the whole source. Kept for those videos' queued `extras` jobs; new plans queue none.
   */
  private async makeExtras(videoId: string, plan: ChunkedPlan, scratch: string, signal?: AbortSignal) {
    const input = path.join(scratch, 'source');
    if (!(await download(this.deps.storage, 'raw', rawKey(videoId), input)))
      throw new UnusableSource(MISSING_PIECE);
    const outputDir = path.join(scratch, 'out');
    await mkdir(outputDir);
    const stills = planTranscode(plan.source, { input, outputDir }, this.deps.planInputs);
    const run = (args: string[]) =>
      runWithinDeadline(this.deps.ffmpeg, args, {
        durationSeconds: plan.source.durationSeconds,
        timeoutMs: plan.timeoutMs,
        signal,
      });
    await run(stills.argv.storyboard);
    await run(stills.argv.poster);
    await writeFile(path.join(outputDir, STORYBOARD_TRACK), stills.storyboardVtt);
    const files = (await readdir(outputDir)).sort().map(describeOutput);
    await publish(this.deps.storage, outputDir, processedPrefix(videoId), files);
    await this.deps.chunks.recordExtras(videoId);
  }

  private async fetchPiece(videoId: string, name: string, scratch: string): Promise<string> {
    const file = path.join(scratch, name);
    if (!(await download(this.deps.storage, 'raw', pieceKey(videoId, name), file)))
      throw new UnusableSource(MISSING_PIECE);
    return file;
  }

  private context(signal?: AbortSignal): RunContext {
    return { ffmpeg: this.deps.ffmpeg, signal };
  }
}
