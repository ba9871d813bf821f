// Signed, expiring permission to play ONE video, carried in the media URL's path
// (`/t/{token}/videos/{id}/master.m3u8`) so the relative URLs inside the playlists inherit it.
// An HMAC of video id, playback version and expiry, checked by any API instance or an edge function holding
// the key. The version is the video's when the token was issued: moving it on (the video made private or
// deleted) withdraws every token handed out before, wherever the current version is known (media.service.ts,
// the CDN's key value store). Expiries are rounded up to a whole window, so everyone watching a video in the
// same window gets the same URLs and a CDN caches them once.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { LRUCache } from 'lru-cache';

export interface PlaybackTokenOptions {
  /** The server secret; the signing key is derived from it, so a playback token is never a session. */
  secret: string;
  /** The shortest time a token handed out is good for. */
  ttlSeconds: number;
  /** Expiries are rounded up to a multiple of this. */
  windowSeconds: number;
}

export type PlaybackTokenRefusal = 'malformed' | 'bad_signature' | 'expired';

/** A token that checks out names the playback version it was issued for. */
export type PlaybackTokenCheck = { version: number } | { refusal: PlaybackTokenRefusal };

/** `{expiry base36}.{version base36}.{signature}`; a version fits in a PostgreSQL integer (6 digits). */
const TOKEN = /^([0-9a-z]{1,11})\.([0-9a-z]{1,6})\.([A-Za-z0-9_-]{22})$/;
export const PLAYBACK_TOKEN_PATTERN = TOKEN.source;

export class PlaybackTokens {
  private readonly key: Buffer;
  /** A token is the same for a whole window, and video pages are hot: sign each one once. */
  private readonly issued = new LRUCache<string, string>({ max: 10_000 });

  constructor(private readonly options: PlaybackTokenOptions) {
    // The label is also derived by the deploy-time key writer (deploy/aws/lambda/playback-key.ts).
    this.key = createHmac('sha256', options.secret).update('vidstream-playback-key-v1').digest();
  }

  /** The longest a token issued now stays good: an older version's tokens are all expired after this. */
  get longestLifeSeconds(): number {
    return this.options.ttlSeconds + this.options.windowSeconds;
  }

  /** When a token issued now expires: the end of the current window, the same for every video. */
  expiryOfIssuedNow(nowSeconds = unixNow()): number {
    const { ttlSeconds, windowSeconds } = this.options;
    return Math.ceil((nowSeconds + ttlSeconds) / windowSeconds) * windowSeconds;
  }

  issue(videoId: string, version: number, nowSeconds = unixNow()): string {
    const expiresAt = this.expiryOfIssuedNow(nowSeconds);
    const memo = `${videoId}\n${version}\n${expiresAt}`;
    let token = this.issued.get(memo);
    if (token === undefined) {
      token = `${expiresAt.toString(36)}.${version.toString(36)}.${this.sign(videoId, version, expiresAt)}`;
      this.issued.set(memo, token);
    }
    return token;
  }

  /** The version the token was issued for when it lets its bearer play `videoId` now; otherwise why not. */
  check(token: string, videoId: string, nowSeconds = unixNow()): PlaybackTokenCheck {
    const [, expiry, versionText, signature] = token.match(TOKEN) ?? [];
    if (expiry === undefined || versionText === undefined || signature === undefined)
      return { refusal: 'malformed' };
    const expiresAt = Number.parseInt(expiry, 36);
    const version = Number.parseInt(versionText, 36);
    const expected = Buffer.from(this.sign(videoId, version, expiresAt));
    if (!timingSafeEqual(Buffer.from(signature), expected)) return { refusal: 'bad_signature' };
    if (nowSeconds >= expiresAt) return { refusal: 'expired' };
    return { version };
  }

  /** 128 bits of HMAC-SHA256: plenty against forgery, and short in every URL. */
  private sign(videoId: string, version: number, expiresAt: number): string {
    return createHmac('sha256', this.key)
      .update(`${videoId}\n${version}\n${expiresAt}`)
      .digest()
      .subarray(0, 16)
      .toString('base64url');
  }
}

const unixNow = () => Math.floor(Date.now() / 1000);
