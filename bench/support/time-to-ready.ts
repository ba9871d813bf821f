// How long an upload takes to be watchable: polls what the API says of a video until it is ready, noting
// when it first said playable (the first segments of every rung out) and when ready (the whole ladder).
import { setTimeout as sleep } from 'node:timers/promises';
import type { VideoSeen } from './api-client.js';

export interface Readiness {
  /** Seconds from `since` until the API first called the video playable. */
  playableSeconds: number;
  /** Seconds from `since` until it was ready. */
  readySeconds: number;
}

/** `since` is a performance.now() reading, usually the moment `complete` answered. */
export async function watchUntilReady(
  read: () => Promise<VideoSeen | undefined>,
  since: number,
  intervalMs = 100,
): Promise<Readiness> {
  let playableAt: number | undefined;
  for (;;) {
    const seen = await read();
    const at = performance.now();
    if (seen?.state === 'failed') throw new Error(`the video failed: ${seen.error}`);
    if ((seen?.playable || seen?.state === 'ready') && playableAt === undefined) playableAt = at;
    if (seen?.state === 'ready')
      return { playableSeconds: ((playableAt ?? at) - since) / 1000, readySeconds: (at - since) / 1000 };
    await sleep(intervalMs);
  }
}
