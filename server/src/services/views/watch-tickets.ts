// A watch ticket: the signed viewer id a watch page gets when it opens. An HMAC of the video, the viewer
// and the time it was issued, so a view report can show that its viewer began watching THIS video at
// least as long ago as it claims to have watched, on a clock the client cannot move.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** `{viewer}.{issued at, ms since 1970, base36}.{signature}`, all of it URL-safe. */
const TICKET = /^([A-Za-z0-9_-]{22})\.([0-9a-z]{1,11})\.([A-Za-z0-9_-]{43})$/;
/** What the API accepts in a report: the shape above, loosely, so a malformed ticket counts nothing. */
export const WATCH_TICKET_PATTERN = '^[A-Za-z0-9_.-]{1,100}$';

export interface CheckedTicket {
  viewerId: string;
  issuedAt: Date;
}

export class WatchTickets {
  private readonly key: Buffer;

  constructor(
    secret: string,
    /** How long a ticket stays good: a page left open longer asks for a new one. */
    readonly lifetimeSeconds: number,
  ) {
    // A key of its own, so a ticket's signature is never a viewer cookie's or a playback token's.
    this.key = createHmac('sha256', secret).update('vidstream-watch-ticket-v1').digest();
  }

  issue(videoId: string, viewerId: string, at: Date): string {
    const issued = at.getTime().toString(36);
    return `${viewerId}.${issued}.${this.sign(videoId, viewerId, issued)}`;
  }

  /** The viewer and issue time of a ticket this server issued for `videoId`, still good `at`; else undefined. */
  check(ticket: string | undefined, videoId: string, at: Date): CheckedTicket | undefined {
    const match = ticket === undefined ? null : TICKET.exec(ticket);
    if (!match) return undefined;
    const [, viewerId = '', issued = '', signature = ''] = match;
    const expected = Buffer.from(this.sign(videoId, viewerId, issued));
    if (!timingSafeEqual(Buffer.from(signature), expected)) return undefined;
    const issuedAt = new Date(Number.parseInt(issued, 36));
    const age = at.getTime() - issuedAt.getTime();
    if (age < 0 || age > this.lifetimeSeconds * 1000) return undefined;
    return { viewerId, issuedAt };
  }

  private sign(videoId: string, viewerId: string, issued: string): string {
    return createHmac('sha256', this.key).update(`${videoId}:${viewerId}:${issued}`).digest('base64url');
  }
}
