// Whether one core keeps a live stream's ladder in real time: the live role's own ffmpeg command
// (`buildLiveArgs` for what the publisher announced) reads a recorded FLV stream from stdin as fast as it
// can under `taskset -c 0`, and its last progress report gives the speed against real time.
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { LiveSource } from '../../server/src/domain/live-source.js';
import { buildLiveArgs, DEFAULT_LIVE_LADDER, planLive } from '../../server/src/media/live-ladder.js';

/** A recorded publish of `seconds`: testsrc2 and a tone as an encoder sends them (H.264 + AAC in FLV). */
export async function recordPublish(source: LiveSource, seconds: number, file: string): Promise<void> {
  await runFfmpeg([
    ...['-hide_banner', '-v', 'error', '-nostdin', '-y'],
    ...['-f', 'lavfi', '-i', `testsrc2=size=${source.width}x${source.height}:rate=${source.frameRate}`],
    ...['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-t', String(seconds)],
    ...['-c:v', 'libx264', '-preset', 'veryfast', '-g', String(source.frameRate), '-pix_fmt', 'yuv420p'],
    ...['-c:a', 'aac', '-f', 'flv', file],
  ]);
}

export interface EncodeSpeed {
  /** The ladder's rungs, "copied" or "encoded". */
  rungs: string[];
  /** Seconds of stream per second of wall clock. */
  speed: number;
}

/** The live command on core 0 over the recorded stream; its scratch output goes under `workDir`. */
export async function liveEncodeSpeed(
  source: LiveSource,
  file: string,
  workDir: string,
): Promise<EncodeSpeed> {
  const plan = planLive(source, DEFAULT_LIVE_LADDER);
  const outputDir = path.join(workDir, `ladder-${source.height}p`);
  await mkdir(outputDir, { recursive: true });
  let speed = Number.NaN;
  try {
    await runFfmpeg(['-progress', 'pipe:1', ...buildLiveArgs(plan, outputDir)], {
      launcher: ['taskset', '-c', '0'],
      stdinFile: file,
      onLine: (line) => {
        const reported = /^speed=\s*([\d.]+)x$/.exec(line)?.[1];
        if (reported !== undefined) speed = Number(reported);
      },
    });
  } finally {
    await rm(outputDir, { recursive: true, force: true });
  }
  return {
    rungs: plan.ladder.map((rung) => `${rung.name} ${rung.copied ? 'copied' : 'encoded'}`),
    speed,
  };
}

interface RunOptions {
  launcher?: string[];
  stdinFile?: string;
  onLine?: (line: string) => void;
}

function runFfmpeg(args: string[], { launcher = [], stdinFile, onLine }: RunOptions = {}): Promise<void> {
  const [command = 'ffmpeg', ...rest] = [...launcher, 'ffmpeg', ...args];
  const ffmpeg = spawn(command, rest, { stdio: [stdinFile ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
  if (stdinFile && ffmpeg.stdin) createReadStream(stdinFile).pipe(ffmpeg.stdin);
  if (ffmpeg.stdout && onLine) createInterface({ input: ffmpeg.stdout }).on('line', onLine);
  let errors = '';
  ffmpeg.stderr?.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-2_000);
  });
  return new Promise((resolve, reject) => {
    ffmpeg.once('error', reject);
    ffmpeg.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`ffmpeg exited with ${code}: ${errors}`)),
    );
  });
}
