// An overall time limit for a benchmark run, and what the run is doing: past the limit it names the stage
// that never finished, stops what the run started and exits with a failure, so a hung connection or a
// handle left open never holds the machine (or the lock the run queues on) for ever. Results are printed
// as they are measured, so what the run has is already out. The timer itself keeps nothing alive.
// BENCH_DEADLINE_MINUTES overrides any script's limit (to try the mechanism on a short one).
import { killDescendants } from './descendants.js';

export interface BenchRun {
  /** Names what the run does from now on; the stage named before counts as finished. */
  stage(name: string): void;
  /** Worth trying before the exit at the deadline or on Ctrl-C (drop a database, remove files). */
  onStop(cleanup: () => unknown): void;
}

/** How long the cleanups get once the run has been stopped. */
const CLEANUP_MS = 10_000;

export function exitAfter(minutes: number, bench: string): BenchRun {
  const override = Number(process.env.BENCH_DEADLINE_MINUTES);
  const limit = override > 0 ? override : minutes;
  const finished: string[] = [];
  let current: { name: string; since: number } | undefined;
  const cleanups: (() => unknown)[] = [];

  const stop = async (why: string, code: number) => {
    process.exitCode = code;
    const stuck = current
      ? `"${current.name}" never finished (running ${minutesSince(current.since)} min)`
      : 'no stage named';
    console.error(`${bench}: ${why}; stopped: ${stuck}`);
    for (const name of finished) console.error(`  finished: ${name}`);
    // What the run was waiting on now fails (a server it was starting, a request): said, not fatal, so
    // the cleanups still run.
    const failed = (error: unknown) => console.error(`  after the stop: ${String(error)}`);
    process.on('uncaughtException', failed).on('unhandledRejection', failed);
    // Servers, ffmpeg and Chromium first: a cleanup may wait on what they hold.
    killDescendants();
    const cleaning = Promise.allSettled(cleanups.map(async (cleanup) => cleanup()));
    // Not unref'd: a cleanup waiting on nothing must not let the run end as if it had passed.
    await Promise.race([cleaning, new Promise((resolve) => setTimeout(resolve, CLEANUP_MS))]);
    process.exit(code);
  };

  setTimeout(() => stop(`not done after ${Number(limit.toFixed(2))} min`, 1), limit * 60_000).unref();
  // However the run ends (done, an error, process.exit), nothing it started outlives it.
  process.once('exit', killDescendants);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop(signal, 130));

  return {
    stage(name) {
      if (current) finished.push(current.name);
      current = { name, since: performance.now() };
    },
    onStop(cleanup) {
      cleanups.push(cleanup);
    },
  };
}

/** The run's limit: `quick` minutes with --quick, `full` without. */
export function benchDeadline(bench: string, minutes: { quick: number; full: number }): BenchRun {
  const quick = process.argv.includes('--quick');
  return exitAfter(quick ? minutes.quick : minutes.full, quick ? `${bench} --quick` : bench);
}

function minutesSince(since: number): string {
  return ((performance.now() - since) / 60_000).toFixed(1);
}
