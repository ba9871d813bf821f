// Many viewers of one live stream, as their players poll it: each reloads the live variant playlist once
// a target duration (1 s), to whichever API process is next, with a bounded number of requests in flight
// from this one process. Prints nothing; the caller reads the answer times and the origin reads.
import { setTimeout as sleep } from 'node:timers/promises';
import { quantile } from './glass-probe.js';

export interface FanOutResult {
  polls: number;
  failed: number;
  p50Ms: number;
  p99Ms: number;
  /** Polls answered a second, against the viewers' one each. */
  pollsPerSecond: number;
  /** Versions of the playlist the viewers were given (told apart by their newest segment). */
  versionsSeen: number;
}

export interface FanOutOptions {
  viewers: number;
  seconds: number;
  /** The playlist's URL on each API process. */
  playlistUrls: string[];
  reloadMs: number;
  /** Requests in flight at once, over all viewers. */
  inFlight: number;
}

export async function pollAsViewers(options: FanOutOptions): Promise<FanOutResult> {
  const { viewers, seconds, playlistUrls, reloadMs, inFlight } = options;
  const times: number[] = [];
  const newestSegments = new Set<string>();
  let failed = 0;
  let turn = 0;
  let running = 0;
  const waiting: (() => void)[] = [];
  const slot = async () => {
    while (running >= inFlight) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
  };
  const release = () => {
    running -= 1;
    waiting.shift()?.();
  };
  const endAt = performance.now() + seconds * 1000;
  const viewer = async (index: number) => {
    // Viewers arrive spread over the first reload period, as a crowd does.
    await sleep((index / viewers) * reloadMs);
    while (performance.now() < endAt) {
      const due = performance.now() + reloadMs;
      await slot();
      const url = playlistUrls[turn++ % playlistUrls.length] as string;
      const sent = performance.now();
      try {
        const answer = await fetch(url, { signal: AbortSignal.timeout(10_000) });
        const playlist = await answer.text();
        if (answer.ok) {
          times.push(performance.now() - sent);
          newestSegments.add(playlist.trimEnd().split('\n').at(-1) ?? '');
        } else failed += 1;
      } catch {
        failed += 1;
      } finally {
        release();
      }
      await sleep(Math.max(0, due - performance.now()));
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: viewers }, (_, index) => viewer(index)));
  const elapsed = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return {
    polls: times.length,
    failed,
    p50Ms: quantile(times, 0.5),
    p99Ms: quantile(times, 0.99),
    pollsPerSecond: times.length / elapsed,
    versionsSeen: newestSegments.size,
  };
}
