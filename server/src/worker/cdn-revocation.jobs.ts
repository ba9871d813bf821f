// A video's playback URLs were revoked: the CDN's key value store gets its new minimum version, and loses
// it again once every older token has expired.
import type { JobHandler } from '../adapters/queue/job-queue.js';
import type { CdnRevocationService } from '../services/media/cdn-revocation.service.js';

/** Jobs are queued only where CDN_KEY_VALUE_STORE_ARN is set: a worker without it cannot run them. */
function requireService(revocations: CdnRevocationService | undefined): CdnRevocationService {
  if (!revocations)
    throw new Error('CDN_KEY_VALUE_STORE_ARN is not set on this worker; set it as on the API processes');
  return revocations;
}

export function revokeCdnPlaybackJob(
  revocations: CdnRevocationService | undefined,
): JobHandler<'revoke-cdn-playback'> {
  return (revocation) => requireService(revocations).publish(revocation);
}

export function forgetCdnRevocationJob(
  revocations: CdnRevocationService | undefined,
): JobHandler<'forget-cdn-revocation'> {
  return (revocation) => requireService(revocations).forget(revocation);
}
