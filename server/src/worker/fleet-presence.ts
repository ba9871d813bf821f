// Keeps this worker process counted in the transcode fleet while it runs (a chunked transcode sizes its
// chunks by the idle slots), and takes it out when it stops. A missed announcement only leaves the
// worker uncounted for a while: it is logged once, not thrown.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { FLEET_ANNOUNCE_SECONDS, type TranscodeFleet } from '../adapters/queue/transcode-fleet.js';

export interface FleetPresence {
  leave(): Promise<void>;
}

export function joinFleet(
  fleet: TranscodeFleet,
  slots: number,
  logger: Logger,
  intervalMs = FLEET_ANNOUNCE_SECONDS * 1000,
): FleetPresence {
  const workerId = randomUUID();
  let failing = false;
  const announce = async () => {
    try {
      await fleet.announce(workerId, slots);
      if (failing) logger.info('this worker is counted in the transcode fleet again');
      failing = false;
    } catch (error) {
      if (!failing) logger.warn({ err: error }, 'could not announce this worker to the transcode fleet');
      failing = true;
    }
  };
  const first = announce();
  const timer = setInterval(announce, intervalMs);
  timer.unref();
  return {
    async leave() {
      clearInterval(timer);
      await first;
      await fleet.leave(workerId).catch((error: unknown) => {
        logger.warn({ err: error }, 'could not take this worker out of the transcode fleet');
      });
    },
  };
}
