// npm run bench:transcode — how the one-pass ladder compares with the usual ways of making one, all
// measured in this run on this machine: (a) our pipeline, (b) one ffmpeg per rung (sequentially and two at
// a time), (c) a hand-written single command with cascaded scaling, (d) remux only (the I/O floor). Twice:
// on an H.264 1080p30 source (BENCH_SECONDS, default 20) and on a phone's HEVC Main 10 2160p30 one
// (BENCH_PHONE_SECONDS, default 6). Sources are cached between runs (bench/support/sources.ts).
// `--quick`: sources of 8 s and 4 s (one segment), the same table.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runFfmpeg } from '../server/src/media/ffmpeg-runner.js';
import { buildAudioArgs, buildTranscodeArgs } from '../server/src/media/hls-command.js';
import { planLadder } from '../server/src/media/ladder.js';
import { probeSource } from '../server/src/media/probe.js';
import { DEFAULT_LIMITS } from '../server/src/media/source-facts.js';
import { DEFAULT_POLICY } from '../server/src/media/transcode-policy.js';
import { processCpuSeconds } from './distributed/cpu-accounting.js';
import { benchDeadline } from './support/deadline.js';
import { cachedSource, describeSource, type SourceSpec } from './support/sources.js';
import { cascadedArgs, decodeOnlyArgs, perRungCommands, remuxArgs } from './transcode/baselines.js';
import { printFloor, type Timing } from './transcode/floor.js';

const quick = process.argv.includes('--quick');
const SOURCES: SourceSpec[] = [
  {
    codec: 'h264',
    width: 1920,
    height: 1080,
    seconds: Number(process.env.BENCH_SECONDS ?? (quick ? 8 : 20)),
  },
  {
    codec: 'hevc-main10',
    width: 3840,
    height: 2160,
    seconds: Number(process.env.BENCH_PHONE_SECONDS ?? (quick ? 4 : 6)),
  },
];
const run = benchDeadline('bench:transcode', { quick: 15, full: 60 });
const work = await mkdtemp(path.join(os.tmpdir(), 'vidstream-bench-'));
run.onStop(() => rm(work, { recursive: true, force: true }));

async function outputDir(name: string): Promise<string> {
  const dir = path.join(work, name);
  await mkdir(dir, { recursive: true });
  return dir;
}

async function twoAtATime(jobs: (() => Promise<void>)[]): Promise<void> {
  const queue = [...jobs];
  const lane = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) await job();
  };
  await Promise.all([lane(), lane()]);
}

/** Every way of making the ladder of one source, timed; returns (a)/(b), the best of the two (b)s, and its floor. */
async function compare(spec: SourceSpec, name: string): Promise<{ ratio: number; floor: number }> {
  run.stage(`${describeSource(spec)}: the source`);
  const input = await cachedSource(spec);
  const ffmpeg = (args: string[]) =>
    runFfmpeg('ffmpeg', args, { durationSeconds: spec.seconds, timeoutMs: 30 * 60_000 });
  // Wall seconds, and the CPU seconds of the ffmpeg processes it ran (and of this script meanwhile, little).
  const timed = async (label: string, job: () => Promise<unknown>): Promise<Timing> => {
    run.stage(`${describeSource(spec)}: ${label}`);
    const cpuBefore = await processCpuSeconds(process.pid);
    const started = performance.now();
    await job();
    const wall = (performance.now() - started) / 1000;
    const cpu = (await processCpuSeconds(process.pid)) - cpuBefore;
    const realtime = `${(spec.seconds / wall).toFixed(2)}× realtime`;
    console.log(
      `  ${label.padEnd(44)} ${wall.toFixed(1).padStart(6)} s   ${realtime.padEnd(16)} ${cpu.toFixed(1).padStart(6)} CPU s`,
    );
    return { wall, cpu };
  };
  const source = await probeSource('ffprobe', input, DEFAULT_LIMITS);
  const ladder = planLadder(source, DEFAULT_POLICY);
  console.log(`\n${describeSource(spec)}`);
  console.log(`Ladder: ${ladder.map((rung) => rung.name).join(', ')} (libx264 ${DEFAULT_POLICY.preset})`);

  const perRung = async (dir: string) =>
    perRungCommands(source, ladder, input, await outputDir(dir)).map((args) => () => ffmpeg(args));
  const remux = await timed('(d) remux only, the I/O floor', async () =>
    ffmpeg(remuxArgs(source, input, await outputDir(`${name}-remux`))),
  );
  // As the pipeline runs it: the rungs' command, and the audio's beside it at a lower priority.
  const ours = await timed('(a) VidStream: one decode, every rung', async () => {
    const paths = { input, outputDir: await outputDir(`${name}-ours`) };
    await Promise.all([
      ffmpeg(buildTranscodeArgs(source, ladder, DEFAULT_POLICY, paths)),
      runFfmpeg('ffmpeg', buildAudioArgs(source, DEFAULT_POLICY, paths), {
        durationSeconds: spec.seconds,
        timeoutMs: 30 * 60_000,
        niceness: 10,
      }),
    ]);
  });
  const decode = await timed('decode only, no encode', () => ffmpeg(decodeOnlyArgs(source, input)));
  const perProcess: number[] = [];
  const sequential = await timed('(b) one process per rung, one after another', async () => {
    for (const job of await perRung(`${name}-per-rung`)) {
      const before = await processCpuSeconds(process.pid);
      await job();
      perProcess.push((await processCpuSeconds(process.pid)) - before);
    }
  });
  const parallel = await timed('(b) one process per rung, two at a time', async () =>
    twoAtATime(await perRung(`${name}-per-rung-2`)),
  );
  const cascaded = await timed('(c) hand-written single command, cascaded', async () =>
    ffmpeg(cascadedArgs(source, ladder, input, await outputDir(`${name}-cascaded`))),
  );

  const bestPerRung = Math.min(sequential.wall, parallel.wall);
  const ratio = (baseline: number) => (ours.wall / baseline).toFixed(2);
  console.log('');
  console.log(`  (a)/(b) sequential        ${ratio(sequential.wall)}`);
  console.log(`  (a)/(b) two at a time     ${ratio(parallel.wall)}`);
  console.log(`  (a)/(b) best of the two   ${ratio(bestPerRung)}   target ≤ 0.55`);
  console.log(`  (a)/(c)                   ${ratio(cascaded.wall)}   target ≤ 1.05`);
  console.log(`  (a)/(d)                   ${(ours.wall / remux.wall).toFixed(1)}    (cost over pure I/O)`);
  const floor = printFloor({
    decodeCpu: decode.cpu,
    perProcessCpu: perProcess,
    rungNames: ladder.map((rung) => rung.name),
    cores: os.cpus().length,
    bestPerRung,
    ours,
  });
  return { ratio: ours.wall / bestPerRung, floor };
}

try {
  console.log(`${os.cpus().length} cores`);
  const results = [];
  for (const [index, spec] of SOURCES.entries()) results.push(await compare(spec, `source-${index}`));
  console.log(
    '\none-pass ladder ÷ best one-process-per-rung, target ≤ 0.55 (floor: the best its decode share allows)',
  );
  for (const [index, spec] of SOURCES.entries()) {
    const { ratio, floor } = results[index] as { ratio: number; floor: number };
    const verdict = ratio <= 0.55 ? 'met' : 'NOT met';
    console.log(
      `  ${describeSource(spec).padEnd(52)} ${ratio.toFixed(2)}   ${verdict.padEnd(8)} floor ${floor.toFixed(2)}`,
    );
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
