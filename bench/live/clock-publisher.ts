// An encoder publishing RTMP whose picture says when it was captured: ffmpeg sends testsrc2 at 720p30 and
// a tone in real time (`-re`), with the frame number painted along the bottom in binary blocks (as the
// e2e clips do, with more bits). Under `-re` frame n is read at start + n / rate, so its capture time is
// known once the start is: ffmpeg's progress reports (frames sent so far, read against this clock) give
// the start, and how far the pace drifted from real time while it ran.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { frameNumberFilter } from '../../e2e/support/frame-numbers.js';

export const CLOCK_RATE = 30;
/** 16 bits count 65 536 frames: 36 minutes at 30 frames a second. */
export const CLOCK_BITS = 16;
const WIDTH = 1280;
const HEIGHT = 720;

export interface ClockPublisher {
  /** Wall-clock time (ms since the epoch) at which frame `frame` was captured. */
  capturedAt(frame: number): number;
  /**
   * How far ffmpeg's pace fell behind real time while it ran, ms: the earliest (report time − frames /
   * rate) of its last 5 s of reports against that of its first 5 s (a report's own delay is the noise).
   */
  paceDriftMs(): number;
  /** Seconds of progress reports the pace is read from. */
  reportedSeconds(): number;
  stop(): Promise<void>;
}

/** Publishes to `ingestUrl` until stopped (at most an hour). */
export function publishClock(ingestUrl: string): ClockPublisher {
  // Each report: when it was read, less the time its frame count took at the rate.
  const offsets: { at: number; offset: number }[] = [];
  const encoder: ChildProcess = spawn(
    'ffmpeg',
    [
      ...['-hide_banner', '-v', 'error', '-nostdin', '-stats_period', '0.25', '-progress', 'pipe:1'],
      ...['-re', '-f', 'lavfi', '-i', `testsrc2=size=${WIDTH}x${HEIGHT}:rate=${CLOCK_RATE}`],
      ...['-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000'],
      ...['-t', '3600', '-vf', frameNumberFilter(WIDTH, HEIGHT, CLOCK_BITS)],
      // No lookahead or B-frames: a frame leaves the encoder as soon as it is read.
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-g', String(CLOCK_RATE)],
      ...['-pix_fmt', 'yuv420p', '-c:a', 'aac', '-f', 'flv', ingestUrl],
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (encoder.stdout)
    createInterface({ input: encoder.stdout }).on('line', (line) => {
      const frames = /^frame=(\d+)$/.exec(line)?.[1];
      if (frames === undefined || Number(frames) === 0) return;
      const at = Date.now();
      offsets.push({ at, offset: at - (Number(frames) * 1000) / CLOCK_RATE });
    });
  // A report comes after its frames were read, never before: the earliest offset is closest to the start.
  const earliest = (reports: typeof offsets) => Math.min(...reports.map((report) => report.offset));
  const start = () => earliest(offsets);
  return {
    capturedAt: (frame) => start() + (frame * 1000) / CLOCK_RATE,
    paceDriftMs: () => {
      const [first, last] = [offsets[0]?.at ?? 0, offsets.at(-1)?.at ?? 0];
      const opening = offsets.filter((report) => report.at < first + 5_000);
      const closing = offsets.filter((report) => report.at > last - 5_000);
      return earliest(closing) - earliest(opening);
    },
    reportedSeconds: () => ((offsets.at(-1)?.at ?? 0) - (offsets[0]?.at ?? 0)) / 1000,
    async stop() {
      if (encoder.exitCode !== null || encoder.signalCode !== null) return;
      const exited = new Promise((resolve) => encoder.once('exit', resolve));
      encoder.kill('SIGINT');
      await exited;
    },
  };
}
