// What bench:distributed prints: each mode as it ends, the comparison against its targets, where the time
// to playable went, (b)'s parts, and the projection to more workers.
import os from 'node:os';
import type { CostLine } from './cost-line.js';
import { describeJob, type JobTiming } from './job-timings.js';
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

/**
 * A mode's jobs as their rows and the API tell it: those before it was playable, or (`all`) every job, the
 * rows the projection's model is fitted to.
 */
export function printPlayableSteps(label: string, run: ModeRun, all = false): void {
  console.log(
    `${label} ${all ? 'every job' : 'until playable'}, seconds after \`complete\` (pgboss.job rows; API polled every 0.1 s):`,
  );
  const since = (at: number) => {
    const offset = (at - run.completedAt) / 1000;
    return `${offset < 0 ? '−' : '+'}${Math.abs(offset).toFixed(1)}`.padStart(6);
  };
  const early = (job: JobTiming) =>
    job.kind === 'video' || job.kind === 'audio' || (job.kind === 'chunk' && job.index === 0);
  for (const job of run.jobs.completed.filter((candidate) => all || early(candidate))) {
    console.log(
      `    ${describeJob(job).padEnd(16)} queued ${since(job.createdAt)}  taken ${since(job.startedAt)}  done ${since(job.completedAt)}  (ran ${seconds(job.ranSeconds)}, waited ${seconds(job.waitedSeconds)}${job.retries ? `, last of ${job.retries + 1} attempts` : ''})`,
    );
  }
  console.log(`    the API said playable at +${run.readiness.playableSeconds.toFixed(1)}`);
}

export function printParts(b: ModeRun, run: MeasuredRun, storedBytes: number, uploaded: number): void {
  const jobs = b.jobs.completed;
  const waits = jobs.filter((job) => job.retries === 0).map((job) => job.waitedSeconds);
  const chunks = jobs.filter((job) => job.kind === 'chunk').length + 1;
  const perChunk = storedBytes / chunks;
  const storageRate = uploaded / b.uploadSeconds;
  const line = (fit: CostLine) =>
    `${seconds(fit.fixedSeconds)} + ${fit.perSourceSecond.toFixed(3)} s per s of source`;
  console.log(
    `\n(b)'s parts, fitted to its pgboss.job rows (retried chunks left out of fits, retried jobs out of waits):`,
  );
  console.log(
    `    the video's job: ${seconds(run.prepSeconds)} until it queued the audio (download, probe, plan, audio's piece); ${seconds(run.leadSeconds)} more until chunk 0 had segments out; each other piece cut, stored and queued in ${line(run.piece)}`,
  );
  console.log(
    `    chunks: ${chunks}; a chunk's job ${line(run.chunk)}; chunk 0 in the video's job ${seconds(run.firstChunkExtraSeconds)} more; the storyboard's assembly ${seconds(run.assemblySecondsPerSourceSecond * run.sourceSeconds)}`,
  );
  const audio = run.audioSeconds === undefined ? 'none' : seconds(run.audioSeconds + run.stitchSeconds);
  console.log(`    audio's job ${audio}`);
  console.log(
    `    queue pickup: mean ${seconds(run.pickupSeconds)}, max ${seconds(Math.max(...waits))} (idle transcode workers ask every 0.5 s)`,
  );
  console.log(`    stitch: writing the playlists once takes ${seconds(run.stitchSeconds)}`);
  console.log(
    `    upload of outputs: ${mb(perChunk)} per chunk, ≈ ${seconds(perChunk / storageRate)} at the ${mb(storageRate)}/s the source went up at\n`,
  );
}

export function printProjection(run: MeasuredRun, a: ModeRun, b: ModeRun): void {
  console.log(`Projection to workers of one core each, from (b)'s parts as fitted above. Model (projection.ts): the
video's job is taken (pickup), prepares (× length) and queues the audio, encodes chunk 0 itself and, once
it has segments out, cuts and queues the other chunks one by one (planned for that many workers); free
workers take the queued parts in order, each costing pickup + its fitted cost; the job recording the last
chunk assembles the storyboard (× length); every part ends with a stitch on the video's lock, in turn.
One pass = (a)'s time to ready × length. Storage and database are assumed to keep up.`);
  const check = project(run, run.sourceSeconds, b.workers);
  const error = check.readySeconds / b.readiness.readySeconds - 1;
  console.log(
    `Check, ${b.workers} workers on this source: model ${seconds(check.readySeconds)}, measured ${seconds(b.readiness.readySeconds)} (${error >= 0 ? '+' : ''}${percent(error)})\n`,
  );
  console.log(
    'source   workers chunks rounds    ready  one pass ÷ ready  audio queued  last piece  audio done  chunks done  lock waits  finishes last',
  );
  for (const minutes of [10, 60]) {
    for (const workers of [4, 16, 64]) {
      const length = minutes * 60;
      const p = project(run, length, workers);
      const speedUp = (a.readiness.readySeconds * length) / run.sourceSeconds / p.readySeconds;
      const cells = [
        `${minutes} min`.padEnd(8),
        String(workers).padStart(7),
        String(p.chunks).padStart(6),
        String(p.rounds).padStart(6),
        seconds(p.readySeconds).padStart(8),
        `${speedUp.toFixed(1)}×`.padStart(17),
        seconds(p.audioQueuedSeconds).padStart(13),
        seconds(p.lastQueuedSeconds).padStart(11),
        seconds(p.audioDoneSeconds).padStart(11),
        seconds(p.chunksDoneSeconds).padStart(12),
        seconds(p.lockWaitSeconds).padStart(11),
        ` ${p.lastPart}`,
      ];
      console.log(cells.join(' '));
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
