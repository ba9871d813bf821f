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
import { benchDeadline } from './support/deadline.js';
import { cachedSource, describeSource, type SourceSpec } from './support/sources.js';
import { cascadedArgs, perRungCommands, remuxArgs } from './transcode/baselines.js';

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

/** Every way of making the ladder of one source, timed; returns (a)/(b), the best of the two (b)s. */
async function compare(spec: SourceSpec, name: string): Promise<number> {
  run.stage(`${describeSource(spec)}: the source`);
  const input = await cachedSource(spec);
  const ffmpeg = (args: string[]) =>
    runFfmpeg('ffmpeg', args, { durationSeconds: spec.seconds, timeoutMs: 30 * 60_000 });
  const timed = async (label: string, job: () => Promise<unknown>) => {
    run.stage(`${describeSource(spec)}: ${label}`);
    const started = performance.now();
    await job();
    const seconds = (performance.now() - started) / 1000;
    const realtime = `${(spec.seconds / seconds).toFixed(2)}× realtime`;
    console.log(`  ${label.padEnd(44)} ${seconds.toFixed(1).padStart(6)} s   ${realtime}`);
    return seconds;
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
  const sequential = await timed('(b) one process per rung, one after another', async () => {
    for (const job of await perRung(`${name}-per-rung`)) await job();
  });
  const parallel = await timed('(b) one process per rung, two at a time', async () =>
    twoAtATime(await perRung(`${name}-per-rung-2`)),
  );
  const cascaded = await timed('(c) hand-written single command, cascaded', async () =>
    ffmpeg(cascadedArgs(source, ladder, input, await outputDir(`${name}-cascaded`))),
  );

  const bestPerRung = Math.min(sequential, parallel);
  console.log('');
  console.log(`  (a)/(b) sequential        ${(ours / sequential).toFixed(2)}`);
  console.log(`  (a)/(b) two at a time     ${(ours / parallel).toFixed(2)}`);
  console.log(`  (a)/(b) best of the two   ${(ours / bestPerRung).toFixed(2)}   target ≤ 0.55`);
  console.log(`  (a)/(c)                   ${(ours / cascaded).toFixed(2)}   target ≤ 1.05`);
  console.log(`  (a)/(d)                   ${(ours / remux).toFixed(1)}    (cost over pure I/O)`);
  return ours / bestPerRung;
}

try {
  console.log(`${os.cpus().length} cores`);
  const ratios = [];
  for (const [index, spec] of SOURCES.entries()) ratios.push(await compare(spec, `source-${index}`));
  console.log('\none-pass ladder ÷ best one-process-per-rung, target ≤ 0.55');
  for (const [index, spec] of SOURCES.entries()) {
    const ratio = ratios[index] as number;
    console.log(
      `  ${describeSource(spec).padEnd(52)} ${ratio.toFixed(2)}   ${ratio <= 0.55 ? 'met' : 'NOT met'}`,
    );
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
