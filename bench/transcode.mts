// npm run bench:transcode — how the one-pass ladder compares with the usual ways of making one, all
// measured in this run on this machine: (a) our pipeline, (b) one ffmpeg per rung (sequentially and two at
// a time), (c) a hand-written single command with cascaded scaling, (d) remux only (the I/O floor).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { runFfmpeg } from '../server/src/media/ffmpeg-runner.js';
import { buildTranscodeArgs } from '../server/src/media/hls-command.js';
import { planLadder, type Rendition } from '../server/src/media/ladder.js';
import { probeSource } from '../server/src/media/probe.js';
import { DEFAULT_LIMITS, type SourceFacts } from '../server/src/media/source-facts.js';
import { DEFAULT_POLICY } from '../server/src/media/transcode-policy.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const run = promisify(execFile);
const work = await mkdtemp(path.join(os.tmpdir(), 'vidstream-bench-'));

async function timed(label: string, job: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await job();
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `  ${label.padEnd(44)} ${seconds.toFixed(1).padStart(6)} s   ${(SECONDS / seconds).toFixed(2)}× realtime`,
  );
  return seconds;
}

/** The same audio encoding and HLS packaging for every baseline, as in the pipeline. */
const AUDIO_ARGS = ['-c:a', 'aac', '-b:a', '128k', '-ac', '2'];
const HLS_ARGS = ['-f', 'hls', '-hls_time', '4', '-hls_playlist_type', 'vod', '-hls_segment_type', 'fmp4'];

const ffmpeg = (args: string[]) =>
  runFfmpeg('ffmpeg', args, { durationSeconds: SECONDS, timeoutMs: 30 * 60_000 });

async function outputDir(name: string): Promise<string> {
  const dir = path.join(work, name);
  await mkdir(dir, { recursive: true });
  return dir;
}

/** (b): each rung by its own process (video only), and the audio once more on its own. */
function perRungJobs(source: SourceFacts, ladder: Rendition[], input: string, out: string) {
  const silent = { ...source, audio: undefined };
  const videoJobs = ladder.map(
    (rung) => () =>
      ffmpeg(buildTranscodeArgs(silent, [rung], DEFAULT_POLICY, { input, outputDir: `${out}/${rung.name}` })),
  );
  const audioJob = () =>
    ffmpeg(['-nostdin', '-v', 'error', '-i', input, '-vn', ...AUDIO_ARGS, ...HLS_ARGS, `${out}/audio.m3u8`]);
  return [...videoJobs, audioJob];
}

async function twoAtATime(jobs: (() => Promise<void>)[]): Promise<void> {
  const queue = [...jobs];
  const lane = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) await job();
  };
  await Promise.all([lane(), lane()]);
}

/** (c): one command written by hand, each rung scaled from the one above it (cheaper scaling). */
function cascadedArgs(ladder: Rendition[], input: string, out: string): string[] {
  const top = [...ladder].reverse();
  const graph = top
    .map((rung, index) => {
      const from = index === 0 ? '[0:v:0]' : `[c${index - 1}]`;
      const scaled = `${from}scale=${rung.width}:${rung.height},setsar=1,format=yuv420p`;
      return index < top.length - 1 ? `${scaled},split=2[o${index}][c${index}]` : `${scaled}[o${index}]`;
    })
    .join(';');
  const outputs = top.flatMap((rung, index) => {
    const gop = String(rung.frameRate * 2);
    return [
      '-map',
      `[o${index}]`,
      `-c:v:${index}`,
      'libx264',
      `-preset:v:${index}`,
      'veryfast',
      `-crf:v:${index}`,
      '21',
      `-maxrate:v:${index}`,
      `${rung.maxKbps}k`,
      `-bufsize:v:${index}`,
      `${rung.bufferKbits}k`,
      `-force_key_frames:v:${index}`,
      'expr:gte(t,n_forced*2)',
      `-g:v:${index}`,
      gop,
      `-sc_threshold:v:${index}`,
      '0',
    ];
  });
  const streamMap = [
    ...top.map((rung, index) => `v:${index},agroup:a,name:${rung.name}`),
    'a:0,agroup:a,name:audio',
  ];
  return [
    '-nostdin',
    '-v',
    'error',
    '-i',
    input,
    '-filter_complex',
    graph,
    ...outputs,
    '-map',
    '0:a:0',
    ...AUDIO_ARGS,
    ...HLS_ARGS,
    '-hls_segment_filename',
    `${out}/%v/seg-%05d.m4s`,
    '-var_stream_map',
    streamMap.join(' '),
    `${out}/%v/index.m3u8`,
  ];
}

try {
  console.log(`Generating a ${SECONDS} s 1080p30 source with stereo sound…`);
  const input = path.join(work, 'source.mp4');
  await run('ffmpeg', [
    '-nostdin',
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=1920x1080:rate=30:duration=${SECONDS}`,
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=440:duration=${SECONDS}`,
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-crf',
    '18',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-y',
    input,
  ]);
  const source = await probeSource('ffprobe', input, DEFAULT_LIMITS);
  const ladder = planLadder(source, DEFAULT_POLICY);
  console.log(
    `Ladder: ${ladder.map((rung) => rung.name).join(', ')} (libx264 ${DEFAULT_POLICY.preset}, ${os.cpus().length} cores)\n`,
  );

  const remux = await timed('(d) remux only, the I/O floor', async () =>
    ffmpeg([
      '-nostdin',
      '-v',
      'error',
      '-i',
      input,
      '-c',
      'copy',
      '-f',
      'hls',
      '-hls_time',
      '4',
      '-hls_segment_type',
      'fmp4',
      `${await outputDir('remux')}/index.m3u8`,
    ]),
  );
  const ours = await timed('(a) VidStream: one decode, every rung', async () =>
    ffmpeg(buildTranscodeArgs(source, ladder, DEFAULT_POLICY, { input, outputDir: await outputDir('ours') })),
  );
  const sequential = await timed('(b) one process per rung, one after another', async () => {
    for (const job of perRungJobs(source, ladder, input, await outputDir('per-rung'))) await job();
  });
  const parallel = await timed('(b) one process per rung, two at a time', async () =>
    twoAtATime(perRungJobs(source, ladder, input, await outputDir('per-rung-2'))),
  );
  const cascaded = await timed('(c) hand-written single command, cascaded', async () =>
    ffmpeg(cascadedArgs(ladder, input, await outputDir('cascaded'))),
  );

  const bestPerRung = Math.min(sequential, parallel);
  console.log('');
  console.log(`  (a)/(b) sequential        ${(ours / sequential).toFixed(2)}`);
  console.log(`  (a)/(b) two at a time     ${(ours / parallel).toFixed(2)}`);
  console.log(`  (a)/(b) best of the two   ${(ours / bestPerRung).toFixed(2)}   target ≤ 0.55`);
  console.log(`  (a)/(c)                   ${(ours / cascaded).toFixed(2)}   target ≤ 1.05`);
  console.log(`  (a)/(d)                   ${(ours / remux).toFixed(1)}    (cost over pure I/O)`);
} finally {
  await rm(work, { recursive: true, force: true });
}
