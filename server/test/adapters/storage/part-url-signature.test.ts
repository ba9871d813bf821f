import { describe, expect, it } from 'vitest';
import {
  checkPartGrant,
  type PartGrant,
  signPartGrant,
} from '../../../src/adapters/storage/part-url-signature.js';

const secret = 'a server secret of at least thirty-two characters';
const grant: PartGrant = {
  uploadId: 'up_8fK2',
  partNumber: 3,
  expiresAt: 2_000_000_000,
  maxBytes: 8 * 1024 * 1024,
};
const now = 1_999_999_000;
const signature = signPartGrant(secret, grant);

describe('part upload grants', () => {
  it('accepts the grant it signed, before expiry', () => {
    expect(checkPartGrant(secret, grant, signature, now)).toBeUndefined();
    expect(signature).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it.each<[string, Partial<PartGrant>]>([
    ['another part number', { partNumber: 4 }],
    ['another upload', { uploadId: 'up_other' }],
    ['a larger size', { maxBytes: grant.maxBytes + 1 }],
    ['a later expiry', { expiresAt: grant.expiresAt + 3600 }],
  ])('refuses the signature used for %s', (_case, change) => {
    expect(checkPartGrant(secret, { ...grant, ...change }, signature, now)).toBe('bad_signature');
  });

  it('refuses a tampered or foreign signature', () => {
    const tampered = `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    expect(checkPartGrant(secret, grant, tampered, now)).toBe('bad_signature');
    expect(checkPartGrant(secret, grant, '', now)).toBe('bad_signature');
    expect(checkPartGrant('another secret of at least thirty-two chars!!', grant, signature, now)).toBe(
      'bad_signature',
    );
  });

  it('refuses an expired grant', () => {
    expect(checkPartGrant(secret, grant, signature, grant.expiresAt + 1)).toBe('expired');
  });
});
