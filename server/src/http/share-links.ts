// The addresses this instance gives out for a video (its watch page, its embedded player) and the one
// check of whether a URL someone hands us is one of its watch pages. All of them start at PUBLIC_URL.
import { VIDEO_ID_PATTERN } from './video.schemas.js';

const VIDEO_ID = new RegExp(VIDEO_ID_PATTERN);
export const isVideoId = (text: string) => VIDEO_ID.test(text);
/** `?t=` as people write it: `90`, `90s`, `1m30s`, `1h2m3s`. */
const START_TIME = /^(?:(\d{1,3})h)?(?:(\d{1,4})m)?(?:(\d{1,6})s?)?$/;

export interface WatchLink {
  videoId: string;
  /** Where the link starts playing, in whole seconds (0: the beginning). */
  startSeconds: number;
}

export class ShareLinks {
  private readonly origin: string;
  /** PUBLIC_URL without its trailing slash: the app may be served under a path. */
  private readonly base: string;
  private readonly watchPath: string;

  constructor(publicUrl: string) {
    const url = new URL(publicUrl);
    const path = url.pathname.replace(/\/+$/, '');
    this.origin = url.origin;
    this.base = `${url.origin}${path}`;
    this.watchPath = `${path}/watch/`;
  }

  watch(videoId: string): string {
    return `${this.base}/watch/${videoId}`;
  }

  embed(videoId: string, startSeconds = 0): string {
    return `${this.base}/embed/${videoId}${startSeconds > 0 ? `?start=${startSeconds}` : ''}`;
  }

  channel(handle: string): string {
    return `${this.base}/@${handle}`;
  }

  /** The provider's own address, as oEmbed names it. */
  home(): string {
    return `${this.base}/`;
  }

  oembed(videoId: string): string {
    return `${this.base}/api/oembed?url=${encodeURIComponent(this.watch(videoId))}&format=json`;
  }

  /** The video a URL of one of this instance's watch pages shows, or undefined for any other URL. */
  parseWatch(text: string): WatchLink | undefined {
    if (!URL.canParse(text)) return undefined;
    const url = new URL(text);
    const videoId = url.pathname.slice(this.watchPath.length);
    const ours = url.origin === this.origin && url.pathname.startsWith(this.watchPath);
    if (!ours || !isVideoId(videoId)) return undefined;
    return { videoId, startSeconds: startSeconds(url.searchParams.get('t') ?? '') };
  }
}

/** Seconds of a `t` parameter; anything unreadable starts at the beginning. */
function startSeconds(text: string): number {
  const [, hours = '0', minutes = '0', seconds = '0'] = START_TIME.exec(text) ?? [];
  return Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
}
