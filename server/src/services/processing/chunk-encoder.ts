// Encodes one chunk's rungs from its piece and publishes them under the names they keep in the stitched
// ladder; the first chunk's segments go out as they are written, so the video plays before it is done.
// The chunk's storyboard thumbnails (and poster) from the same decode are stored for the assembly.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { ChunkedTranscodeRepository } from '../../adapters/db/chunked-transcode.repository.js';
import type { ObjectStorage } from '../../adapters/storage/object-storage.js';
import { piecesPrefix, processedPrefix } from '../../domain/video-files.js';
import {
  type ChunkedPlan,
  chunkStills,
  encodeChunk,
  type RunContext,
} from '../../media/chunked-transcode.js';
import { describeOutput } from '../../media/published-files.js';
import type { ChunkStitcher } from './chunk-stitcher.js';
import { GrowingPublication } from './growing-publication.js';
import { publish, store } from './scratch-files.js';

export interface ChunkEncoderDeps {
  chunks: ChunkedTranscodeRepository;
  stitcher: ChunkStitcher;
  storage: ObjectStorage;
  /** How often the first chunk's growing output is published. */
  growingIntervalMs: number;
  logger: Logger;
}

export class ChunkEncoder {
  constructor(private readonly deps: ChunkEncoderDeps) {}

  /** Encodes and records the chunk, unless an earlier attempt did; the caller stitches. */
  async encode(
    videoId: string,
    plan: ChunkedPlan,
    index: number,
    piece: string,
    scratch: string,
    context: RunContext,
    /** Told when the first chunk has segments out in every rung. */
    onLeadOut?: () => void,
  ) {
    const { chunks, storage } = this.deps;
    const chunk = plan.chunks[index];
    if (!chunk) throw new Error(`video ${videoId} has no chunk ${index}`);
    if (await chunks.isChunkDone(videoId, index)) return;
    const outputDir = path.join(scratch, `chunk-${index}-out`);
    await mkdir(outputDir);
    const prefix = processedPrefix(videoId);
    const growing =
      index === 0
        ? new GrowingPublication({
            storage,
            prefix,
            outputDir,
            intervalMs: this.deps.growingIntervalMs,
            onPlayable: async () => {
              onLeadOut?.();
              await this.deps.stitcher.leadPublished(videoId, 'chunk');
            },
            logger: this.deps.logger,
          })
        : undefined;
    growing?.start({ renditions: plan.ladder.map((rung) => rung.name) });
    const playlists = await encodeChunk(plan, chunk, piece, outputDir, context).finally(() =>
      growing?.stop(),
    );
    // Only the first chunk's init segments are used: every chunk's are alike but for their edit lists.
    const files = Object.entries(playlists).flatMap(([rendition, playlist]) => [
      ...(index === 0 && playlist.initUri ? [`${rendition}/${playlist.initUri}`] : []),
      ...playlist.segments.map((segment) => `${rendition}/${segment.uri}`),
    ]);
    const unpublished = files.filter((file) => !growing?.holds(file));
    await publish(storage, outputDir, prefix, unpublished.map(describeOutput));
    // The chunk's stills wait beside the pieces for the assembly, stored before the chunk is recorded:
    // a recorded chunk's stills are always there.
    const stills = (await chunkStills(plan, chunk, outputDir)).map((file) => ({
      relativePath: file,
      contentType: 'image/jpeg',
      cacheControl: 'no-store',
    }));
    await store(storage, 'raw', outputDir, piecesPrefix(videoId), stills);
    await chunks.recordChunk(videoId, index, playlists);
  }
}
