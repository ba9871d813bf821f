// Puts a chunked video's storyboard and poster together from the stills its chunks stored, once every
// chunk is recorded: the sheets are tiled from the small thumbnails, nothing is decoded, so it takes
// seconds. It runs in the job that records the last chunk, not in a job of its own: a job of its own would
// wait for a worker to poll and for its owner's fair turn, behind their other uploads, while the fully
// encoded video waits for it to be ready. A retried job assembles again (the same files, overwritten);
// the video is ready only once the assembly is recorded, after everything is published.
import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Logger } from 'pino';
import type { ChunkedTranscodeRepository } from '../../adapters/db/chunked-transcode.repository.js';
import type { ObjectStorage } from '../../adapters/storage/object-storage.js';
import { POSTER_FILE, piecesPrefix, processedPrefix, STORYBOARD_TRACK } from '../../domain/video-files.js';
import { CHUNK_POSTER, STILLS_FOLDER, thumbnailName } from '../../media/chunk-stills.js';
import type { ChunkedPlan } from '../../media/chunked-transcode.js';
import { describeOutput } from '../../media/published-files.js';
import { tileStoryboard } from '../../media/storyboard-sheets.js';
import { publish } from './scratch-files.js';

export interface StillsAssemblyDeps {
  chunks: ChunkedTranscodeRepository;
  storage: ObjectStorage;
  logger: Logger;
}

const FETCH_CONCURRENCY = 8;

export class StillsAssembly {
  constructor(private readonly deps: StillsAssemblyDeps) {}

  /** Assembles and publishes the stills if every chunk is recorded and no job has done so yet. */
  async assembleIfDue(videoId: string, scratch: string): Promise<void> {
    const { chunks, storage, logger } = this.deps;
    const plan = (await chunks.stillsDue(videoId)) as ChunkedPlan | undefined;
    // A plan recorded before the chunks made stills: its `extras` part makes them.
    if (!plan?.stills) return;
    const started = performance.now();
    const stillsDir = path.join(scratch, 'stills-in');
    const outputDir = path.join(scratch, 'stills-out');
    await mkdir(stillsDir, { recursive: true });
    await mkdir(outputDir, { recursive: true });
    const { storyboard } = plan.stills;
    const names = Array.from({ length: storyboard.thumbnails }, (_, index) => thumbnailName(index));
    if (!(await this.fetchStills(videoId, [...names, CHUNK_POSTER], stillsDir))) {
      // Another job that saw the last chunk recorded finished first, and the pieces went with the video.
      if (!(await chunks.stillsDue(videoId))) return;
      throw new Error(`video ${videoId}: a recorded chunk's stills are missing`);
    }
    const sheets = await tileStoryboard(storyboard, stillsDir, outputDir);
    await writeFile(path.join(outputDir, STORYBOARD_TRACK), plan.storyboardVtt);
    await copyFile(path.join(stillsDir, CHUNK_POSTER), path.join(outputDir, POSTER_FILE));
    // The track last: a player that finds it finds every sheet it points into.
    await publish(storage, outputDir, processedPrefix(videoId), [...sheets, POSTER_FILE].map(describeOutput));
    await publish(storage, outputDir, processedPrefix(videoId), [describeOutput(STORYBOARD_TRACK)]);
    await chunks.recordExtras(videoId);
    logger.info(
      { videoId, sheets: sheets.length, ms: Math.round(performance.now() - started) },
      'chunked video storyboard assembled',
    );
  }

  /** Copies the named stills from beside the pieces; false when one is missing. */
  private async fetchStills(videoId: string, names: string[], dir: string): Promise<boolean> {
    const queue = [...names];
    let complete = true;
    const fetchNext = async (): Promise<void> => {
      for (let name = queue.shift(); name && complete; name = queue.shift()) {
        const key = `${piecesPrefix(videoId)}${STILLS_FOLDER}/${name}`;
        const object = await this.deps.storage.getObject('raw', key);
        if (!object) complete = false;
        else await pipeline(object.body, createWriteStream(path.join(dir, name)));
      }
    };
    await Promise.all(Array.from({ length: FETCH_CONCURRENCY }, fetchNext));
    return complete;
  }
}
