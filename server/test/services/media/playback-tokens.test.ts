import { describe, expect, it } from 'vitest';
import { PLAYBACK_TOKEN_PATTERN, PlaybackTokens } from '../../../src/services/media/playback-tokens.js';

const tokens = new PlaybackTokens({ secret: 's'.repeat(32), ttlSeconds: 6 * 3600, windowSeconds: 3600 });
const now = 1_800_000_123;

describe('PlaybackTokens', () => {
  it('makes URL-path-safe tokens that open their own video until they expire', () => {
    const token = tokens.issue('video-aaaa1', 0, now);
    expect(token).toMatch(new RegExp(PLAYBACK_TOKEN_PATTERN));
    expect(tokens.check(token, 'video-aaaa1', now)).toEqual({ version: 0 });
    expect(tokens.check(token, 'video-aaaa1', now + 6 * 3600 - 1)).toEqual({ version: 0 });
    expect(tokens.check(token, 'video-aaaa1', now + 7 * 3600)).toEqual({ refusal: 'expired' });
  });

  it('carries the playback version it was issued for, in base 36 between expiry and signature', () => {
    const token = tokens.issue('video-aaaa1', 1_000, now);
    expect(token.split('.')[1]).toBe('rs');
    expect(tokens.check(token, 'video-aaaa1', now)).toEqual({ version: 1_000 });
    const largest = tokens.issue('video-aaaa1', 2_147_483_647, now);
    expect(largest).toMatch(new RegExp(PLAYBACK_TOKEN_PATTERN));
    expect(tokens.check(largest, 'video-aaaa1', now)).toEqual({ version: 2_147_483_647 });
  });

  it('gives everyone in the same hour the same token, so a CDN caches one copy', () => {
    expect(tokens.issue('video-aaaa1', 3, now)).toBe(tokens.issue('video-aaaa1', 3, now + 60));
    expect(tokens.issue('video-aaaa1', 3, now)).not.toBe(tokens.issue('video-aaaa1', 4, now));
    const expiry = Number.parseInt(tokens.issue('video-aaaa1', 3, now).split('.')[0] as string, 36);
    expect(expiry % 3600).toBe(0);
    expect(expiry - now).toBeGreaterThanOrEqual(6 * 3600);
    expect(expiry - now).toBeLessThan(tokens.longestLifeSeconds);
  });

  it('refuses a token for another video, a forged expiry or version, another secret or garbage', () => {
    const token = tokens.issue('video-aaaa1', 2, now);
    const [expiry, version, signature] = token.split('.') as [string, string, string];
    const later = `${(Number.parseInt(expiry, 36) + 86_400).toString(36)}.${version}.${signature}`;
    const raised = `${expiry}.3.${signature}`;
    const foreign = new PlaybackTokens({ secret: 't'.repeat(32), ttlSeconds: 3600, windowSeconds: 3600 });
    const badSignature = { refusal: 'bad_signature' };
    expect(tokens.check(token, 'video-bbbb2', now)).toEqual(badSignature);
    expect(tokens.check(later, 'video-aaaa1', now)).toEqual(badSignature);
    expect(tokens.check(raised, 'video-aaaa1', now)).toEqual(badSignature);
    expect(tokens.check(foreign.issue('video-aaaa1', 2, now), 'video-aaaa1', now)).toEqual(badSignature);
    for (const malformed of ['not-a-token', `${expiry}.${version}.${signature}x`, `${expiry}.${signature}`]) {
      expect(tokens.check(malformed, 'video-aaaa1', now), malformed).toEqual({ refusal: 'malformed' });
    }
  });
});
