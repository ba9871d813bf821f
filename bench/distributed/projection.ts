// What a chunked transcode would take on more workers, projected from one measured run. The model follows
// what the product does (services/processing/chunked-processing.ts):
// - the video's job is picked up, downloads and probes the source, cuts and stores the audio's piece and
//   queues the audio (its "prep", all of it growing with the source's length);
// - it then encodes chunk 0 itself while, once chunk 0 has segments out (the "lead"), it cuts, stores and
//   queues the other chunks' pieces one by one, each costing a fixed part and a part per second of chunk;
// - W workers (the video's job's included, once it is done) take the queued parts in the order they were
//   queued, each after the measured pickup; a chunk job costs a fixed part (fetching its piece, starting
//   ffmpeg, publishing, recording, one stitch) and a part per second of chunk; chunk 0 in the video's job
//   costs what a queued chunk of its length does, plus what it was measured to cost more (it publishes as
//   it grows and shares its core with the cutting); the audio job costs one stitch plus the rest scaled
//   with length;
// - the job that records the last chunk assembles the storyboard (its thumbnails grow with length);
// - every part ends with a stitch, and stitches take turns on the video's lock.
// Chunks are planned as the splitting job plans them for that many workers. Each fixed and per-second
// part is fitted to (b)'s job rows (pgboss.job: created, started, completed), nothing else.
import { type ChunkPolicy, planChunks } from '../../server/src/media/chunk-plan.js';
import type { SegmentGrid } from '../../server/src/media/segment-grid.js';
import { type CostLine, cost, fitCostLine } from './cost-line.js';
import type { JobTiming } from './job-timings.js';

export interface MeasuredRun {
  sourceSeconds: number;
  /** Mean wait between a worker being free for a job (or the job queued, if later) and taking it. */
  pickupSeconds: number;
  /** The video's job from its start until it queued the audio: download, probe, plan, the audio's piece. */
  prepSeconds: number;
  /** From the audio queued until the first other chunk could be cut: chunk 0's piece and first segments. */
  leadSeconds: number;
  /** Cutting, storing and queueing one chunk's piece, in the video's job. */
  piece: CostLine;
  /** A queued chunk's job, pickup aside. */
  chunk: CostLine;
  /** What chunk 0, encoded in the video's job, took more than a queued chunk of its length. */
  firstChunkExtraSeconds: number;
  /** The storyboard's assembly, per second of source, in the job that records the last chunk. */
  assemblySecondsPerSourceSecond: number;
  /** The audio's job, pickup aside (undefined for a silent source). */
  audioSeconds: number | undefined;
  /** Writing the stitched playlists once, under the video's lock. */
  stitchSeconds: number;
  grid: SegmentGrid;
  chunking: ChunkPolicy;
}

/**
 * The model's inputs from a chunked run's jobs. Retried chunks are left out of the fits, retried jobs out
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
  const length = (index: number | undefined) => chunks[index ?? 0]?.durationSeconds ?? 0;
  const video = jobs.find((job) => job.kind === 'video');
  if (!video) throw new Error("the chunked run has no video's job");
  const audio = jobs.find((job) => job.kind === 'audio');
  const queued = jobs.filter((job) => job.kind === 'chunk').sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  const first = queued[0];
  if (!first) throw new Error('the chunked run queued no chunk');
  const audioQueuedAt = audio?.createdAt ?? video.startedAt;
  const piece = fitCostLine(
    queued.slice(1).map((job, at) => ({
      sourceSeconds: length(job.index),
      seconds: (job.createdAt - (queued[at] as JobTiming).createdAt) / 1000,
    })),
  );
  // The job that recorded the last chunk assembled the storyboard: the chunk's job that ended last.
  const clean = queued.filter((job) => job.retries === 0);
  const assembler = [video, ...clean].sort((a, b) => b.completedAt - a.completedAt)[0];
  const chunk = fitCostLine(
    clean
      .filter((job) => job !== assembler)
      .map((job) => ({ sourceSeconds: length(job.index), seconds: job.ranSeconds })),
  );
  const assembly =
    assembler && assembler !== video
      ? Math.max(0, assembler.ranSeconds - cost(chunk, length(assembler.index)))
      : 0;
  const waits = jobs.filter((job) => job.retries === 0).map((job) => job.waitedSeconds);
  return {
    sourceSeconds: source.seconds,
    pickupSeconds: waits.reduce((sum, wait) => sum + wait, 0) / Math.max(1, waits.length),
    prepSeconds: (audioQueuedAt - video.startedAt) / 1000,
    leadSeconds: (first.createdAt - audioQueuedAt) / 1000 - cost(piece, length(first.index)),
    piece,
    chunk,
    firstChunkExtraSeconds: (video.completedAt - audioQueuedAt) / 1000 - cost(chunk, length(0)),
    assemblySecondsPerSourceSecond: assembly / source.seconds,
    audioSeconds: audio && audio.ranSeconds - stitchSeconds,
    stitchSeconds,
    grid: source.grid,
    chunking,
  };
}

export interface Projection {
  readySeconds: number;
  chunks: number;
  /** The most chunks one worker encoded. */
  rounds: number;
  /** When the video's job queued the audio, and its last chunk. */
  audioQueuedSeconds: number;
  lastQueuedSeconds: number;
  /** When the audio's job, and the last chunk's, were done (stitched). */
  audioDoneSeconds: number;
  chunksDoneSeconds: number;
  /** The part that finished last. */
  lastPart: string;
  /** Seconds parts waited for the stitch lock, all together. */
  lockWaitSeconds: number;
}

interface Part {
  name: string;
  isChunk: boolean;
  queuedAt: number;
  seconds: number;
}

interface Encoding {
  part: Part;
  worker: number;
  /** Done but for its stitch. */
  encodedAt: number;
  assembled: boolean;
}

export function project(run: MeasuredRun, sourceSeconds: number, workers: number): Projection {
  const scale = sourceSeconds / run.sourceSeconds;
  const chunks = planChunks(sourceSeconds, run.grid, run.chunking, undefined, workers);
  const [first, ...others] = chunks;
  if (!first) throw new Error(`a ${sourceSeconds} s source is not chunked`);
  const prepared = run.pickupSeconds + run.prepSeconds * scale;
  let queuedAt = prepared + run.leadSeconds;
  const parts: Part[] = [
    ...(run.audioSeconds === undefined
      ? []
      : [
          {
            name: 'audio',
            isChunk: false,
            queuedAt: prepared,
            seconds: run.stitchSeconds + run.audioSeconds * scale,
          },
        ]),
    ...others.map((chunk) => {
      queuedAt += cost(run.piece, chunk.durationSeconds);
      return {
        name: `chunk ${chunk.index}`,
        isChunk: true,
        queuedAt,
        seconds: cost(run.chunk, chunk.durationSeconds),
      };
    }),
  ];
  const firstChunk = cost(run.chunk, first.durationSeconds) + run.firstChunkExtraSeconds;
  // The video's job ends once chunk 0 is encoded and every piece is queued.
  const videoJob: Encoding = {
    part: { name: "the video's job", isChunk: true, queuedAt: 0, seconds: 0 },
    worker: 0,
    encodedAt: Math.max(prepared + firstChunk, queuedAt + run.stitchSeconds) - run.stitchSeconds,
    assembled: false,
  };
  const replay = schedule(parts, workers, videoJob, run, sourceSeconds);
  return {
    ...replay,
    chunks: chunks.length,
    audioQueuedSeconds: prepared,
    lastQueuedSeconds: queuedAt,
  };
}

/** Replays the parts on the workers, event by event: a free worker takes the next part; stitches queue. */
function schedule(
  parts: Part[],
  workers: number,
  videoJob: Encoding,
  run: MeasuredRun,
  sourceSeconds: number,
) {
  const waiting = [...parts].sort((a, b) => a.queuedAt - b.queuedAt);
  const freeAt: (number | undefined)[] = Array.from({ length: workers }, (_, worker) =>
    worker === 0 ? undefined : 0,
  );
  const chunksBy = Array.from({ length: workers }, (_, worker): number => (worker === 0 ? 1 : 0));
  const encoding: Encoding[] = [videoJob];
  const assembly = run.assemblySecondsPerSourceSecond * sourceSeconds;
  let lockFreeAt = 0;
  let lockWaitSeconds = 0;
  let last = { name: '', at: 0 };
  const done = { audio: 0, chunks: 0 };
  while (waiting.length > 0 || encoding.length > 0) {
    const part = waiting[0];
    const freeFirst = Math.min(...freeAt.map((at) => at ?? Number.POSITIVE_INFINITY));
    const takeAt = part ? Math.max(freeFirst, part.queuedAt) : Number.POSITIVE_INFINITY;
    encoding.sort((a, b) => a.encodedAt - b.encodedAt);
    const next = encoding[0];
    const stitchAt = next ? Math.max(next.encodedAt, lockFreeAt) : Number.POSITIVE_INFINITY;
    if (part && takeAt <= stitchAt) {
      waiting.shift();
      const worker = freeAt.indexOf(freeFirst);
      freeAt[worker] = undefined;
      if (part.isChunk) chunksBy[worker] = (chunksBy[worker] ?? 0) + 1;
      // The run time holds one uncontended stitch: here it waits its turn for the lock.
      const encodedAt = takeAt + run.pickupSeconds + part.seconds - run.stitchSeconds;
      encoding.push({ part, worker, encodedAt, assembled: false });
    } else if (next) {
      encoding.shift();
      const chunksLeft =
        waiting.some((other) => other.isChunk) || encoding.some((other) => other.part.isChunk);
      if (next.part.isChunk && !chunksLeft && !next.assembled) {
        // It recorded the last chunk: it assembles the storyboard before its stitch.
        encoding.push({ ...next, encodedAt: next.encodedAt + assembly, assembled: true });
        continue;
      }
      lockWaitSeconds += stitchAt - next.encodedAt;
      lockFreeAt = stitchAt + run.stitchSeconds;
      freeAt[next.worker] = lockFreeAt;
      if (next.part.isChunk) done.chunks = Math.max(done.chunks, lockFreeAt);
      else done.audio = lockFreeAt;
      if (lockFreeAt >= last.at) last = { name: next.part.name, at: lockFreeAt };
    }
  }
  return {
    readySeconds: last.at,
    rounds: Math.max(...chunksBy),
    audioDoneSeconds: done.audio,
    chunksDoneSeconds: done.chunks,
    lastPart: last.name,
    lockWaitSeconds,
  };
}
