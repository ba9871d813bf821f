// Who is watching a live video now: its player says so every 15 s while it plays (PRESENCE_EVERY_SECONDS),
// and a viewer counts when the cache holds a mark of theirs from the last 30 s. A viewer is their account,
// or, signed out, the id in their watch ticket (server-signed, so ids cannot be made up); a second tab
// of the same viewer is the same viewer. The count is read at most once per COUNT_MEMORY_MS in a process,
// so a popular stream's page reads do not each ask the cache: it is up to 30 s + 5 s behind the truth.
import type { Cache } from '../../adapters/cache/cache.js';
import type { VideoService } from '../videos/video.service.js';
import type { WatchTickets } from './watch-tickets.js';

/** How often a playing live video reports its viewer (the client's interval). */
export const PRESENCE_EVERY_SECONDS = 15;
/** Two reports' time: one late or lost report does not drop a viewer. */
const PRESENT_FOR_MS = 2 * PRESENCE_EVERY_SECONDS * 1000;
const COUNT_MEMORY_MS = 5_000;
/** Counts remembered in this process at most, so ended streams do not pile up. */
const COUNTS_REMEMBERED = 1_000;

export interface LivePresenceDeps {
  videos: VideoService;
  cache: Cache;
  tickets: WatchTickets;
  now?: () => Date;
}

export class LivePresenceService {
  private readonly counts = new Map<string, { viewers: number; readAt: number }>();
  private readonly now: () => Date;

  constructor(private readonly deps: LivePresenceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** True when this report marked a viewer present: the video is live and the viewer is known. */
  async report(videoId: string, userId: string | undefined, ticket: string | undefined): Promise<boolean> {
    const video = await this.deps.videos.getForViewer(videoId, userId);
    if (video.live?.state !== 'live') return false;
    const now = this.now();
    const viewer = userId ? `user:${userId}` : this.deps.tickets.check(ticket, videoId, now)?.viewerId;
    if (!viewer) return false;
    await this.deps.cache.markPresent(presenceKey(videoId), viewer, now.getTime(), PRESENT_FOR_MS);
    return true;
  }

  /** People watching a live video now, as of a few seconds ago. */
  async viewers(videoId: string): Promise<number> {
    const now = this.now().getTime();
    const known = this.counts.get(videoId);
    if (known && now - known.readAt < COUNT_MEMORY_MS && known.readAt <= now) return known.viewers;
    const viewers = await this.deps.cache.countPresent(presenceKey(videoId), now - PRESENT_FOR_MS);
    if (this.counts.size >= COUNTS_REMEMBERED) this.counts.clear();
    this.counts.set(videoId, { viewers, readAt: now });
    return viewers;
  }
}

const presenceKey = (videoId: string) => `live-viewers:${videoId}`;
