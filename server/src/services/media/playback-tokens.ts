// Signed, expiring permission to play ONE video, carried in the media URL's path
// (`/t/{token}/videos/{id}/master.m3u8`) so the relative URLs inside the playlists inherit it.
// Stateless: an HMAC of video id and expiry, checked by any API instance or an edge function holding
// the key. Expiries are rounded up to a whole window, so everyone watching a video in the same window
// gets the same URLs and a CDN caches them once.
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

const TOKEN = /^([0-9a-z]{1,11})\.([A-Za-z0-9_-]{22})$/;
export const PLAYBACK_TOKEN_PATTERN = TOKEN.source;

export class PlaybackTokens {
  private readonly key: Buffer;
  /** A token is the same for a whole window, and video pages are hot: sign each one once. */
  private readonly issued = new LRUCache<string, string>({ max: 10_000 });

  constructor(private readonly options: PlaybackTokenOptions) {
    this.key = createHmac('sha256', options.secret).update('vidstream-playback-key-v1').digest();
  }

  issue(videoId: string, nowSeconds = unixNow()): string {
    const { ttlSeconds, windowSeconds } = this.options;
    const expiresAt = Math.ceil((nowSeconds + ttlSeconds) / windowSeconds) * windowSeconds;
    const memo = `${videoId}\n${expiresAt}`;
    let token = this.issued.get(memo);
    if (token === undefined) {
      token = `${expiresAt.toString(36)}.${this.sign(videoId, expiresAt)}`;
      this.issued.set(memo, token);
    }
    return token;
  }

  /** Undefined when the token lets its bearer play `videoId` now; otherwise why not. */
  check(token: string, videoId: string, nowSeconds = unixNow()): PlaybackTokenRefusal | undefined {
    const [, expiry, signature] = token.match(TOKEN) ?? [];
    if (expiry === undefined || signature === undefined) return 'malformed';
    const expiresAt = Number.parseInt(expiry, 36);
    const expected = Buffer.from(this.sign(videoId, expiresAt));
    if (!timingSafeEqual(Buffer.from(signature), expected)) return 'bad_signature';
    if (nowSeconds >= expiresAt) return 'expired';
    return undefined;
  }

  /** 128 bits of HMAC-SHA256: plenty against forgery, and short in every URL. */
  private sign(videoId: string, expiresAt: number): string {
    return createHmac('sha256', this.key)
      .update(`${videoId}\n${expiresAt}`)
      .digest()
      .subarray(0, 16)
      .toString('base64url');
  }
}

const unixNow = () => Math.floor(Date.now() / 1000);
