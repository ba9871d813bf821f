// What bench:distributed prints: each mode as it ends, the comparison against its targets, where the time
// to playable went, (b)'s parts, and the projection to more workers.
import os from 'node:os';
import { describeJob } from './job-timings.js';
import type { ModeRun } from './mode-run.js';
import { type MeasuredRun, project } from './projection.js';

export const TARGET = { readyRatio: 0.55, cpuRatio: 1.05, playableSeconds: 5 };
const PROBLEMS_SHOWN = 8;

export function printMode(run: ModeRun): void {
  const share = run.cpuSeconds / (run.wallSeconds * run.workers);
  const others = (run.machineBusySeconds - run.cpuSeconds) / (run.wallSeconds * os.cpus().length);
  const { playableSeconds, readySeconds } = run.readiness;
  console.log(
    `    upload ${seconds(run.uploadSeconds)}; after \`complete\`: playable ${seconds(playableSeconds)}, ready ${seconds(readySeconds)}`,
  );
  console.log(
    `    workers' CPU ${seconds(run.cpuSeconds)} (${percent(share)} of their cores); everything else kept ${percent(others)} of the machine busy meanwhile`,
  );
  const retries = run.jobs.completed.reduce((total, job) => total + job.retries, 0);
  if (retries + run.jobs.handedBack > 0)
    console.log(`    ${retries} retries, ${run.jobs.handedBack} attempts handed back (lease lost)`);
  for (const problem of run.problems.slice(0, PROBLEMS_SHOWN)) console.log(`    worker log: ${problem}`);
  if (run.problems.length > PROBLEMS_SHOWN)
    console.log(`    … and ${run.problems.length - PROBLEMS_SHOWN} more warnings in the workers' logs`);
}

export function printComparison(a: ModeRun, b: ModeRun, stored: { a: number; b: number }): void {
  const ready = b.readiness.readySeconds / a.readiness.readySeconds;
  const cpu = b.cpuSeconds / a.cpuSeconds;
  const [playableA, playableB] = [a.readiness.playableSeconds, b.readiness.playableSeconds];
  const row = (label: string, valueA: string, valueB: string, rest: string) =>
    console.log(`${label.padEnd(20)} ${valueA.padStart(12)}  ${valueB.padStart(12)}   ${rest}`);
  console.log('');
  row('', '(a) one pass', '(b) chunked', '(b)/(a)');
  row(
    'time to ready',
    seconds(a.readiness.readySeconds),
    seconds(b.readiness.readySeconds),
    `${ready.toFixed(2)}   target ≤ ${TARGET.readyRatio} ${met(ready <= TARGET.readyRatio)}`,
  );
  row(
    "workers' CPU",
    seconds(a.cpuSeconds),
    seconds(b.cpuSeconds),
    `${cpu.toFixed(2)}   target ≤ ${TARGET.cpuRatio} ${met(cpu <= TARGET.cpuRatio)}`,
  );
  row(
    'time to playable',
    seconds(playableA),
    seconds(playableB),
    `       target ≤ ${TARGET.playableSeconds} s: (a) ${met(playableA <= TARGET.playableSeconds)}, (b) ${met(playableB <= TARGET.playableSeconds)}`,
  );
  row('output stored', mb(stored.a), mb(stored.b), (stored.b / stored.a).toFixed(3));
  console.log('');
}

/** The jobs before each mode was playable, as their rows and the API tell it. */
export function printPlayableSteps(label: string, run: ModeRun): void {
  console.log(
    `${label} until playable, seconds after \`complete\` (pgboss.job rows; API polled every 0.1 s):`,
  );
  const since = (at: number) => {
    const offset = (at - run.completedAt) / 1000;
    return `${offset < 0 ? '−' : '+'}${Math.abs(offset).toFixed(1)}`;
  };
  const early = run.jobs.completed.filter(
    (job) => job.kind === 'video' || job.kind === 'audio' || (job.kind === 'chunk' && job.index === 0),
  );
  for (const job of early) {
    console.log(
      `    ${describeJob(job).padEnd(16)} queued ${since(job.createdAt)}  taken ${since(job.startedAt)}  done ${since(job.completedAt)}  (ran ${seconds(job.ranSeconds)}${job.retries ? `, last of ${job.retries + 1} attempts` : ''})`,
    );
  }
  console.log(`    the API said playable at +${run.readiness.playableSeconds.toFixed(1)}`);
}

export function printParts(b: ModeRun, run: MeasuredRun, storedBytes: number, uploaded: number): void {
  const jobs = b.jobs.completed;
  const chunkRuns = jobs
    .filter((job) => job.kind === 'chunk' && job.retries === 0)
    .map((job) => job.ranSeconds);
  const waits = jobs.filter((job) => job.retries === 0).map((job) => job.waitedSeconds);
  const chunks = jobs.filter((job) => job.kind === 'chunk').length + run.chunksInSplit;
  const perChunk = storedBytes / chunks;
  const storageRate = uploaded / b.uploadSeconds;
  console.log(
    `\n(b)'s parts (pgboss.job rows; retried chunks left out of run times, retried jobs out of waits):`,
  );
  const inSplit = run.chunksInSplit ? `, besides the ${run.chunksInSplit} chunk(s) it encoded itself` : '';
  console.log(`    split (the video's job): ${seconds(run.splitSeconds)}${inSplit}`);
  console.log(
    `    chunks: ${chunks}, jobs ran ${seconds(Math.min(...chunkRuns))}–${seconds(Math.max(...chunkRuns))}: ${seconds(run.chunkSecondsPerSourceSecond * run.chunkSourceSeconds)} per ${run.chunkSourceSeconds} s of source`,
  );
  const audio = run.audioSeconds === undefined ? 'none' : seconds(run.audioSeconds);
  const extras =
    run.extrasSeconds === undefined ? 'made by the chunks' : `an extras job of ${seconds(run.extrasSeconds)}`;
  console.log(`    audio ${audio}; poster and storyboard: ${extras}`);
  console.log(
    `    queue pickup: mean ${seconds(run.pickupSeconds)}, max ${seconds(Math.max(...waits))} (idle transcode workers ask every 0.5 s)`,
  );
  console.log(`    stitch: writing the playlists once takes ${seconds(run.stitchSeconds)}`);
  console.log(
    `    upload of outputs: ${mb(perChunk)} per chunk, ≈ ${seconds(perChunk / storageRate)} at the ${mb(storageRate)}/s the source went up at\n`,
  );
}

export function printProjection(run: MeasuredRun, a: ModeRun, b: ModeRun): void {
  console.log(`Projection to workers of one core each, from (b)'s measured parts. Model: the video's job is taken
(pickup), splits (its time × length) and queues chunk 0, audio, the other chunks (planned for that many
workers); each free worker takes the next part (chunks per worker round up), costing pickup + its
measured run time (fetch piece, encode, upload outputs, record, stitch); audio scales with length; the
poster and storyboard come from the chunks (an extras job only if (b) had one); stitches take turns on the
video's lock. One pass = (a)'s time to ready × length. Storage and database are assumed to keep up.`);
  const check = project(run, run.sourceSeconds, b.workers);
  console.log(
    `Check, ${b.workers} workers on this source: model ${seconds(check.readySeconds)}, measured ${seconds(b.readiness.readySeconds)}\n`,
  );
  console.log(
    'source    workers  chunks      ready   one pass ÷ ready   finishes last   stitch-lock waits (sum)',
  );
  for (const minutes of [10, 60]) {
    for (const workers of [4, 16, 64]) {
      const length = minutes * 60;
      const projected = project(run, length, workers);
      const speedUp = (a.readiness.readySeconds * length) / run.sourceSeconds / projected.readySeconds;
      console.log(
        `${`${minutes} min`.padEnd(9)} ${String(workers).padStart(7)}  ${String(projected.chunks).padStart(6)}  ${seconds(projected.readySeconds).padStart(9)}  ${`${speedUp.toFixed(1)}×`.padStart(17)}   ${projected.lastPart.padEnd(14)} ${seconds(projected.lockWaitSeconds).padStart(10)}`,
      );
    }
  }
}

function met(ok: boolean): string {
  return ok ? 'met' : 'NOT met';
}
function seconds(value: number): string {
  return `${value.toFixed(1)} s`;
}
function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}
export function mb(value: number): string {
  return `${(value / 1024 ** 2).toFixed(1)} MB`;
}
