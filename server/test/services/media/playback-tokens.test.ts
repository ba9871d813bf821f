import { describe, expect, it } from 'vitest';
import { PLAYBACK_TOKEN_PATTERN, PlaybackTokens } from '../../../src/services/media/playback-tokens.js';

const tokens = new PlaybackTokens({ secret: 's'.repeat(32), ttlSeconds: 6 * 3600, windowSeconds: 3600 });
const now = 1_800_000_123;

describe('PlaybackTokens', () => {
  it('makes URL-path-safe tokens that open their own video until they expire', () => {
    const token = tokens.issue('video-aaaa1', now);
    expect(token).toMatch(new RegExp(PLAYBACK_TOKEN_PATTERN));
    expect(tokens.check(token, 'video-aaaa1', now)).toBeUndefined();
    expect(tokens.check(token, 'video-aaaa1', now + 6 * 3600 - 1)).toBeUndefined();
    expect(tokens.check(token, 'video-aaaa1', now + 7 * 3600)).toBe('expired');
  });

  it('gives everyone in the same hour the same token, so a CDN caches one copy', () => {
    expect(tokens.issue('video-aaaa1', now)).toBe(tokens.issue('video-aaaa1', now + 60));
    const expiry = Number.parseInt(tokens.issue('video-aaaa1', now).split('.')[0] as string, 36);
    expect(expiry % 3600).toBe(0);
    expect(expiry - now).toBeGreaterThanOrEqual(6 * 3600);
  });

  it('refuses a token for another video, a forged expiry, another secret or garbage', () => {
    const token = tokens.issue('video-aaaa1', now);
    const [expiry, signature] = token.split('.') as [string, string];
    const later = `${(Number.parseInt(expiry, 36) + 86_400).toString(36)}.${signature}`;
    const foreign = new PlaybackTokens({ secret: 't'.repeat(32), ttlSeconds: 3600, windowSeconds: 3600 });
    expect(tokens.check(token, 'video-bbbb2', now)).toBe('bad_signature');
    expect(tokens.check(later, 'video-aaaa1', now)).toBe('bad_signature');
    expect(tokens.check(foreign.issue('video-aaaa1', now), 'video-aaaa1', now)).toBe('bad_signature');
    expect(tokens.check('not-a-token', 'video-aaaa1', now)).toBe('malformed');
    expect(tokens.check(`${expiry}.${signature}x`, 'video-aaaa1', now)).toBe('malformed');
  });
});
