// What a chunked transcode would take on more workers, projected from one measured run. The model: the
// video's job is picked up, splits the source and queues the parts (chunk 0, audio, the other chunks;
// and extras, for a video split before chunks made the poster and storyboard); W workers take them in
// that order, each the next part as soon as it is free, so chunks per worker round up; every part costs
// the measured pickup plus its measured run time (which holds fetching its piece, encoding, uploading its
// outputs and one stitch; the last chunk's also assembles the storyboard, averaged into the chunks' cost),
// and stitches take turns on the video's lock. Split, audio and extras scale with the source's length;
// chunks are planned as the splitting job plans them for that many workers (shorter when many are idle),
// at the measured cost per second of source.
import { type ChunkPolicy, planChunks } from '../../server/src/media/chunk-plan.js';
import type { SegmentGrid } from '../../server/src/media/segment-grid.js';
import type { JobTiming } from './job-timings.js';

export interface MeasuredRun {
  sourceSeconds: number;
  /** Mean wait between a worker being free for a job and taking it. */
  pickupSeconds: number;
  /** The video's job: download, probe, cut and store the pieces, queue the parts. */
  splitSeconds: number;
  /** Chunks the video's job encoded itself rather than queueing them (0 while it only splits). */
  chunksInSplit: number;
  /** Mean run time of a chunk job per second of the source it encodes. */
  chunkSecondsPerSourceSecond: number;
  /** The longest chunk the measured run planned, in seconds of source. */
  chunkSourceSeconds: number;
  audioSeconds: number | undefined;
  /** Only a run whose video was split by a version that queued an extras job has one. */
  extrasSeconds: number | undefined;
  /** Writing the stitched playlists once, under the video's lock. */
  stitchSeconds: number;
  grid: SegmentGrid;
  chunking: ChunkPolicy;
}

/**
 * The model's inputs from a chunked run's jobs. Retried chunks are left out of run times, retried jobs out
 * of waits (their row holds only the last attempt, and a retry delay).
 */
export function measuredRun(
  jobs: JobTiming[],
  source: { seconds: number; grid: SegmentGrid },
  chunking: ChunkPolicy,
  stitchSeconds: number,
  /** The workers the run had: its splitting job planned its chunks for them. */
  workers: number,
): MeasuredRun {
  const chunks = planChunks(source.seconds, source.grid, chunking, undefined, workers);
  const clean = jobs.filter((job) => job.retries === 0);
  const chunkJobs = clean.filter((job) => job.kind === 'chunk');
  // Audio and extras are one job each: retried, its last attempt is all there is to go by.
  const ofKind = (kind: JobTiming['kind']) =>
    (clean.find((job) => job.kind === kind) ?? jobs.find((job) => job.kind === kind))?.ranSeconds;
  const encodedSource = chunkJobs.reduce(
    (sum, job) => sum + (chunks[job.index ?? 0]?.durationSeconds ?? 0),
    0,
  );
  const perSourceSecond = chunkJobs.reduce((sum, job) => sum + job.ranSeconds, 0) / encodedSource;
  const fullChunk = chunks[0]?.durationSeconds ?? chunking.chunkSeconds;
  const queuedChunks = new Set(jobs.filter((job) => job.kind === 'chunk').map((job) => job.index));
  const chunksInSplit = chunks.filter((chunk) => !queuedChunks.has(chunk.index)).length;
  return {
    sourceSeconds: source.seconds,
    pickupSeconds: clean.reduce((sum, job) => sum + job.waitedSeconds, 0) / Math.max(1, clean.length),
    splitSeconds: (ofKind('video') ?? 0) - chunksInSplit * perSourceSecond * fullChunk,
    chunksInSplit,
    chunkSecondsPerSourceSecond: perSourceSecond,
    chunkSourceSeconds: fullChunk,
    audioSeconds: ofKind('audio'),
    extrasSeconds: ofKind('extras'),
    stitchSeconds,
    grid: source.grid,
    chunking,
  };
}

interface Part {
  name: string;
  seconds: number;
}

export interface Projection {
  readySeconds: number;
  chunks: number;
  /** The part that finished last. */
  lastPart: string;
  /** Seconds parts waited for the stitch lock, all together. */
  lockWaitSeconds: number;
}

export function project(run: MeasuredRun, sourceSeconds: number, workers: number): Projection {
  const scale = sourceSeconds / run.sourceSeconds;
  const chunks = planChunks(sourceSeconds, run.grid, run.chunking, undefined, workers);
  const chunkTime = (seconds: number) => run.chunkSecondsPerSourceSecond * seconds;
  const inSplit = chunks.slice(0, run.chunksInSplit);
  const split =
    run.splitSeconds * scale + inSplit.reduce((sum, chunk) => sum + chunkTime(chunk.durationSeconds), 0);
  const queued = chunks.slice(run.chunksInSplit).map((chunk) => ({
    name: `chunk ${chunk.index}`,
    seconds: chunkTime(chunk.durationSeconds),
  }));
  const parts: Part[] = [
    ...queued.slice(0, 1),
    ...(run.audioSeconds === undefined ? [] : [{ name: 'audio', seconds: run.audioSeconds * scale }]),
    ...queued.slice(1),
    ...(run.extrasSeconds === undefined ? [] : [{ name: 'extras', seconds: run.extrasSeconds * scale }]),
  ];

  return schedule(parts, workers, run.pickupSeconds + split, run, chunks.length);
}

/** Replays the parts on the workers, event by event: a free worker takes the next part; stitches queue. */
function schedule(parts: Part[], workers: number, queuedAt: number, run: MeasuredRun, chunks: number) {
  const waiting = [...parts];
  const freeAt: (number | undefined)[] = Array.from({ length: workers }, () => queuedAt);
  const encoding: { name: string; encodedAt: number; worker: number }[] = [];
  let lockFreeAt = 0;
  let lockWaitSeconds = 0;
  let last = { name: 'split', at: queuedAt };
  while (waiting.length > 0 || encoding.length > 0) {
    const takeAt = Math.min(...freeAt.map((at) => at ?? Number.POSITIVE_INFINITY));
    encoding.sort((a, b) => a.encodedAt - b.encodedAt);
    const next = encoding[0];
    const stitchAt = next ? Math.max(next.encodedAt, lockFreeAt) : Number.POSITIVE_INFINITY;
    const part = waiting[0];
    if (part && takeAt <= stitchAt) {
      waiting.shift();
      const worker = freeAt.indexOf(takeAt);
      freeAt[worker] = undefined;
      // The measured run time already holds one uncontended stitch: here it waits its turn for the lock.
      const encodedAt = takeAt + run.pickupSeconds + part.seconds - run.stitchSeconds;
      encoding.push({ name: part.name, encodedAt, worker });
    } else if (next) {
      encoding.shift();
      lockWaitSeconds += stitchAt - next.encodedAt;
      lockFreeAt = stitchAt + run.stitchSeconds;
      freeAt[next.worker] = lockFreeAt;
      if (lockFreeAt >= last.at) last = { name: next.name, at: lockFreeAt };
    }
  }
  return { readySeconds: last.at, chunks, lastPart: last.name, lockWaitSeconds };
}
