// Tells the CDN which playback versions are revoked. The API refuses an old token by itself; the edge
// function knows a video's minimum only from the key value store, written here by a job queued in the
// revoking transaction. The entry is needed only while a token below it can still be good, so it is taken
// out once they have all expired: the store (5 MB at most) holds the last few hours' revocations, not all.
import type { CdnRevocationStore } from '../../adapters/cdn/cdn-revocation-store.js';
import type { PlaybackRevocation } from '../../domain/video.js';

export interface CdnRevocationDeps {
  store: CdnRevocationStore;
  /** Queues `forget(revocation)` to run after `seconds`. */
  forgetLater: (revocation: PlaybackRevocation, seconds: number) => Promise<unknown>;
  /** The longest a playback token lives: after that, none below the new minimum is still good. */
  tokenLifeSeconds: number;
}

/** Between the clocks of the API servers and the edge. */
const CLOCK_SLACK_SECONDS = 300;

export class CdnRevocationService {
  constructor(private readonly deps: CdnRevocationDeps) {}

  async publish(revocation: PlaybackRevocation): Promise<void> {
    await this.deps.store.raise(revocation.videoId, revocation.minVersion);
    await this.deps.forgetLater(revocation, this.deps.tokenLifeSeconds + CLOCK_SLACK_SECONDS);
  }

  async forget(revocation: PlaybackRevocation): Promise<void> {
    await this.deps.store.forget(revocation.videoId, revocation.minVersion);
  }
}
