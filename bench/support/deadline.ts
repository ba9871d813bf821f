// An overall time limit for a benchmark run: past it the run is reported as stuck and the process exits
// with a failure, so a hung connection or a handle left open never holds the machine (or the lock the
// run queues on) for ever. The timer itself keeps nothing alive.
export function exitAfter(minutes: number, bench: string): void {
  const timer = setTimeout(() => {
    console.error(`${bench}: not done after ${minutes} min; stopped`);
    process.exit(1);
  }, minutes * 60_000);
  timer.unref();
}
