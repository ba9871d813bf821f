// Honest view counts: a view counts once per viewer per video per clock hour, and only after the player
// reports 10 s watched (or the whole of a shorter video). Anonymous viewers carry a server-signed id, and
// one client address adds at most a set number of anonymous views per video and hour, however many ids
// it collects. Counted views wait in a buffer that a flusher writes to PostgreSQL in batches; the totals
// and per-day counts that trending ranks by come from there.
import type { SecurityCounters } from '../../adapters/counters/security-counters.js';
import type { TrendingWindow, ViewRepository } from '../../adapters/db/view.repository.js';
import type { ViewBuffer } from '../../adapters/views/view-buffer.js';
import type { VideoService } from '../videos/video.service.js';
import type { ViewerIds } from './viewer-ids.js';

export const MIN_WATCHED_SECONDS = 10;
/** Players report time in steps; the end of a short video may come this much short of its duration. */
const END_TOLERANCE_SECONDS = 0.5;
const HOUR_MS = 3_600_000;
/** Long past the longest a flusher could hold a batch before applying it. */
const BATCH_MEMORY_MS = 24 * HOUR_MS;

export const TRENDING: TrendingWindow = { days: 7, olderWeight: 0.25, size: 1_000 };

export interface Viewer {
  userId: string | undefined;
  /** A verified server-issued id (`identify`): anonymous viewers are told apart by it. */
  viewerId: string;
  /** The client's address, as the proxies in front of the API report it. */
  address: string;
}

export interface ViewServiceDeps {
  videos: VideoService;
  views: ViewRepository;
  buffer: ViewBuffer;
  /** Remembers who was counted this hour, and how many anonymous views each address added. */
  counters: SecurityCounters;
  viewerIds: ViewerIds;
  /** Anonymous views one client address may add to one video in a clock hour. */
  anonymousPerAddressPerHour: number;
  now?: () => Date;
}

export class ViewService {
  private readonly now: () => Date;
  private forgottenAt = 0;

  constructor(private readonly deps: ViewServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** The viewer a signed id names; a new id (to hand to the client) when it is missing or not ours. */
  identify(signedId: string | undefined): { viewerId: string; issued?: string } {
    const viewerId = this.deps.viewerIds.verify(signedId);
    if (viewerId !== undefined) return { viewerId };
    const { id, signed } = this.deps.viewerIds.issue();
    return { viewerId: id, issued: signed };
  }

  /** True when this report counted a view. */
  async record(videoId: string, viewer: Viewer, watchedSeconds: number): Promise<boolean> {
    const video = await this.deps.videos.getForViewer(videoId, viewer.userId);
    const duration = video.durationSeconds ?? MIN_WATCHED_SECONDS;
    const needed = duration < MIN_WATCHED_SECONDS ? duration - END_TOLERANCE_SECONDS : MIN_WATCHED_SECONDS;
    if (watchedSeconds < needed) return false;
    const now = this.now();
    const hour = Math.floor(now.getTime() / HOUR_MS);
    const who = viewer.userId ? `user:${viewer.userId}` : `viewer:${viewer.viewerId}`;
    const untilHourEnds = (hour + 1) * HOUR_MS - now.getTime();
    const { counters } = this.deps;
    if (!(await counters.claim(`views:seen:${videoId}:${who}:${hour}`, untilHourEnds))) return false;
    if (!viewer.userId) {
      const fromAddress = `views:address:${videoId}:${viewer.address}:${hour}`;
      const { count } = await counters.increment(fromAddress, untilHourEnds);
      if (count > this.deps.anonymousPerAddressPerHour) return false;
    }
    await this.deps.buffer.add(videoId, now.toISOString().slice(0, 10));
    return true;
  }

  /** Writes every buffered view to PostgreSQL. */
  async flush(): Promise<void> {
    await this.deps.buffer.drain((batchId, counts) => this.deps.views.applyBatch(batchId, counts));
    // Old batch ids are forgotten once an hour, not at every flush: the delete reads the whole table.
    const now = this.now().getTime();
    if (now - this.forgottenAt < HOUR_MS) return;
    this.forgottenAt = now;
    await this.deps.views.forgetBatchesBefore(new Date(now - BATCH_MEMORY_MS));
  }

  refreshTrending(): Promise<number> {
    return this.deps.views.refreshTrending(TRENDING);
  }
}
