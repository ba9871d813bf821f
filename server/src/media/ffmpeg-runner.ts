// Runs one ffmpeg command as a guest (guest-process.ts): reports progress from `-progress pipe:1`, kills
// it past a deadline, and turns its exit into a result or a typed error. Knows nothing of what the command
// does, but runs none that could read an upload outside the input rules.
import { spawn } from 'node:child_process';
import type { Writable } from 'node:stream';
import { checkInputRules } from './ffmpeg-input.js';
import { GUEST_ENVIRONMENT, guestCommand, guestLimits } from './guest-process.js';

export interface RunOptions {
  /** The source's duration, to turn ffmpeg's output time into a percentage. */
  durationSeconds: number;
  timeoutMs: number;
  onProgress?: (percent: number) => void;
  /** Kills ffmpeg; the run then rejects with the AbortError. */
  signal?: AbortSignal;
  /** Runs ffmpeg nicer than a guest's default: it gets the core only when the other guests leave it. */
  niceness?: number;
  /** Given ffmpeg's stdin once it runs, for a command that reads its input there (a live stream). */
  feed?: (stdin: Writable) => void;
}

export class FfmpegFailed extends Error {
  constructor(
    readonly exitCode: number | null,
    readonly stderrTail: string,
  ) {
    super(`ffmpeg exited with ${exitCode}: ${stderrTail || 'no message'}`);
    this.name = 'FfmpegFailed';
  }
}

export class FfmpegTimedOut extends Error {
  constructor(timeoutMs: number) {
    super(`ffmpeg was stopped after running ${Math.round(timeoutMs / 1000)} s`);
    this.name = 'FfmpegTimedOut';
  }
}

const STDERR_TAIL_BYTES = 2_000;

export function runFfmpeg(ffmpeg: string, args: string[], options: RunOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    checkInputRules('ffmpeg', args);
    const guest = guestCommand(ffmpeg, args, guestLimits(options.timeoutMs, options.niceness));
    const child = spawn(guest.command, guest.args, {
      stdio: [options.feed ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      env: GUEST_ENVIRONMENT,
      signal: options.signal,
      killSignal: 'SIGKILL',
    });
    if (options.feed && child.stdin) options.feed(child.stdin);
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);

    let pending = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const percent = progressPercent(line, options.durationSeconds);
        if (percent !== undefined) options.onProgress?.(percent);
      }
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL_BYTES);
    });

    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      if (timedOut) reject(new FfmpegTimedOut(options.timeoutMs));
      else if (code === 0) resolve();
      else reject(new FfmpegFailed(code, stderr.trim()));
    });
  });
}

/** `out_time_us=…` → percent of the source done (0–100); `progress=end` → 100; other lines → undefined. */
export function progressPercent(line: string, durationSeconds: number): number | undefined {
  const [key, value] = line.trim().split('=');
  if (key === 'progress' && value === 'end') return 100;
  if (key !== 'out_time_us' || value === undefined || durationSeconds <= 0) return undefined;
  const seconds = Number(value) / 1_000_000;
  if (!Number.isFinite(seconds) || seconds < 0) return undefined;
  return Math.min(100, Math.round((seconds / durationSeconds) * 1000) / 10);
}
