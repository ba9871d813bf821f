// Reports a view on the watch ticket taken when the player opened. The server counts only time it saw
// pass since it issued the ticket, so a report that would claim more (watched faster than real time, or
// the ticket came late) waits until the ticket is old enough; an expired ticket is replaced first.
import { countView, reportPresence, takeWatchTicket } from '../api/videos.js';

/** For API servers whose clocks disagree by a little. */
const MARGIN_MS = 500;

interface HeldTicket {
  value: string;
  receivedAt: number;
  expiresAt: number;
}

export class ViewReporter {
  private ticket: Promise<HeldTicket | undefined>;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(private readonly videoId: string) {
    this.ticket = this.take();
  }

  /** Counts a view of `watchedSeconds` as soon as the ticket is that old. */
  async report(watchedSeconds: number): Promise<void> {
    const ticket = await this.currentTicket();
    if (!ticket || this.stopped) return;
    const { value, receivedAt } = ticket;
    const wait = receivedAt + watchedSeconds * 1000 + MARGIN_MS - performance.now();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void countView(this.videoId, value, watchedSeconds), Math.max(0, wait));
  }

  /** Says the viewer is watching this live video now (the ticket names a viewer not signed in). */
  async reportPresence(): Promise<void> {
    const ticket = await this.currentTicket();
    if (!this.stopped) await reportPresence(this.videoId, ticket?.value);
  }

  /** The page closed: a report still waiting is dropped. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** The ticket, replaced first when it expired. */
  private async currentTicket(): Promise<HeldTicket | undefined> {
    const ticket = await this.ticket;
    if (ticket && performance.now() < ticket.expiresAt) return ticket;
    this.ticket = this.take();
    return this.ticket;
  }

  private async take(): Promise<HeldTicket | undefined> {
    const answer = await takeWatchTicket(this.videoId);
    if (!answer) return undefined;
    const receivedAt = performance.now();
    return { value: answer.ticket, receivedAt, expiresAt: receivedAt + answer.expiresInSeconds * 1000 };
  }
}
