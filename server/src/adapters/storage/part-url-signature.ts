// Signed, expiring permission to upload one part of one upload, for the local-disk storage whose part URLs
// point at the API. The signature binds upload id, part number, expiry and the most bytes the part may have,
// so none of them can be changed, and any API instance with the secret can check it (no state).
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface PartGrant {
  uploadId: string;
  partNumber: number;
  /** Unix time in seconds after which the grant is refused. */
  expiresAt: number;
  maxBytes: number;
}

export type PartGrantRefusal = 'bad_signature' | 'expired';

export function signPartGrant(secret: string, grant: PartGrant): string {
  return createHmac('sha256', secret).update(canonical(grant)).digest('base64url');
}

/** Undefined when the grant is good; otherwise why it is refused. */
export function checkPartGrant(
  secret: string,
  grant: PartGrant,
  signature: string,
  nowSeconds: number,
): PartGrantRefusal | undefined {
  const expected = Buffer.from(signPartGrant(secret, grant));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'bad_signature';
  if (nowSeconds > grant.expiresAt) return 'expired';
  return undefined;
}

/** One unambiguous line per grant: fields are integers or a server-made id without newlines. */
function canonical(grant: PartGrant): string {
  return ['vidstream-part-v1', grant.uploadId, grant.partNumber, grant.expiresAt, grant.maxBytes].join('\n');
}
