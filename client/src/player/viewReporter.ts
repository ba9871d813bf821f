// Reports a view on the watch ticket taken when the player opened. The server counts only time it saw
// pass since it issued the ticket, so a report that would claim more (watched faster than real time, or
// the ticket came late) waits until the ticket is old enough; an expired ticket is replaced first.
import { countView, takeWatchTicket } from '../api/videos.js';

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
    let ticket = await this.ticket;
    if (!ticket || performance.now() >= ticket.expiresAt) {
      this.ticket = this.take();
      ticket = await this.ticket;
    }
    if (!ticket || this.stopped) return;
    const { value, receivedAt } = ticket;
    const wait = receivedAt + watchedSeconds * 1000 + MARGIN_MS - performance.now();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void countView(this.videoId, value, watchedSeconds), Math.max(0, wait));
  }

  /** The page closed: a report still waiting is dropped. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async take(): Promise<HeldTicket | undefined> {
    const answer = await takeWatchTicket(this.videoId);
    if (!answer) return undefined;
    const receivedAt = performance.now();
    return { value: answer.ticket, receivedAt, expiresAt: receivedAt + answer.expiresInSeconds * 1000 };
  }
}
