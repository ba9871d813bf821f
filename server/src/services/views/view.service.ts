// Honest view counts: a view counts once per viewer per video per clock hour, and only after the player
// reports 10 s watched (or the whole of a shorter video) on a watch ticket issued at least that long
// before, so a script that never watched counts nothing. Anonymous viewers carry a server-signed id, and
// one client address adds at most a set number of anonymous views per video and hour, however many ids
// or tickets it collects. Counted views wait in a buffer that a flusher writes to PostgreSQL in batches;
// the totals and per-day counts that trending ranks by come from there.
import type { SecurityCounters } from '../../adapters/counters/security-counters.js';
import type { TrendingWindow, ViewRepository } from '../../adapters/db/view.repository.js';
import type { ViewBuffer } from '../../adapters/views/view-buffer.js';
import type { VideoService } from '../videos/video.service.js';
import type { ViewerIds } from './viewer-ids.js';
import type { WatchTickets } from './watch-tickets.js';

export const MIN_WATCHED_SECONDS = 10;
/** Players report time in steps; the end of a short video may come this much short of its duration. */
const END_TOLERANCE_SECONDS = 0.5;
const HOUR_MS = 3_600_000;
/** Long past the longest a flusher could hold a batch before applying it. */
const BATCH_MEMORY_MS = 24 * HOUR_MS;

export const TRENDING: TrendingWindow = { days: 7, olderWeight: 0.25, size: 1_000 };

export interface Viewer {
  userId: string | undefined;
  /** The client's address, as the proxies in front of the API report it. */
  address: string;
}

/** What a player reports: its watch ticket (anonymous viewers are told apart by the id in it) and time. */
export interface ViewReport {
  ticket?: string;
  watchedSeconds: number;
}

/** A watch page's start: its ticket, and a new signed viewer id for the cookie when it had none of ours. */
export interface WatchStart {
  ticket: string;
  expiresInSeconds: number;
  issuedViewerId?: string;
}

export interface ViewServiceDeps {
  videos: VideoService;
  views: ViewRepository;
  buffer: ViewBuffer;
  /** Remembers who was counted this hour, and how many anonymous views each address added. */
  counters: SecurityCounters;
  viewerIds: ViewerIds;
  tickets: WatchTickets;
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

  /**
   * A watch page opens: a ticket for the viewer its signed viewer id names (a new viewer when it has none
   * of ours, so a browser keeps being one viewer), issued now.
   */
  async startWatching(
    videoId: string,
    userId: string | undefined,
    signedViewerId?: string,
  ): Promise<WatchStart> {
    await this.deps.videos.getForViewer(videoId, userId);
    const { viewerIds, tickets } = this.deps;
    let viewerId = viewerIds.verify(signedViewerId);
    let issuedViewerId: string | undefined;
    if (viewerId === undefined) {
      const fresh = viewerIds.issue();
      viewerId = fresh.id;
      issuedViewerId = fresh.signed;
    }
    const ticket = tickets.issue(videoId, viewerId, this.now());
    return { ticket, expiresInSeconds: tickets.lifetimeSeconds, issuedViewerId };
  }

  /** True when this report counted a view. */
  async record(videoId: string, viewer: Viewer, { ticket, watchedSeconds }: ViewReport): Promise<boolean> {
    const video = await this.deps.videos.getForViewer(videoId, viewer.userId);
    const duration = video.durationSeconds ?? MIN_WATCHED_SECONDS;
    const needed = duration < MIN_WATCHED_SECONDS ? duration - END_TOLERANCE_SECONDS : MIN_WATCHED_SECONDS;
    if (watchedSeconds < needed) return false;
    const now = this.now();
    // Watched no longer than the ticket has existed: time the client claims is time the server saw pass.
    const checked = this.deps.tickets.check(ticket, videoId, now);
    if (!checked || now.getTime() - checked.issuedAt.getTime() < watchedSeconds * 1000) return false;
    const hour = Math.floor(now.getTime() / HOUR_MS);
    const who = viewer.userId ? `user:${viewer.userId}` : `viewer:${checked.viewerId}`;
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
