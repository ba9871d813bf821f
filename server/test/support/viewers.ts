// A browser watching videos: its client address and the viewer cookie the server issued it, if any; it
// opens a video (taking a watch ticket) and reports time watched on that ticket, as the watch page does.
import type { FastifyInstance } from 'fastify';
import { randomAddress } from './accounts.js';
import type { TestClock } from './test-clock.js';

export interface Viewer {
  address: string;
  /** The `vidstream_viewer` cookie as last set by the server. */
  cookie?: string;
}

/** What a viewer needs of a test platform: its app, and the clock views are judged by. */
export interface Watched {
  app: FastifyInstance;
  clock: TestClock;
}

export function newViewer(address = randomAddress()): Viewer {
  return { address };
}

const withCookie = (viewer: Viewer, headers: Record<string, string>) =>
  viewer.cookie ? { ...headers, cookie: `vidstream_viewer=${viewer.cookie}` } : headers;

/** Opens a video's watch page: the ticket (undefined when refused), keeping any viewer cookie set. */
export async function takeTicket(
  app: FastifyInstance,
  videoId: string,
  viewer: Viewer,
  headers: Record<string, string> = {},
) {
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/videos/${videoId}/watch-tickets`,
    headers: withCookie(viewer, headers),
    remoteAddress: viewer.address,
  });
  const issued = response.cookies.find((cookie) => cookie.name === 'vidstream_viewer');
  if (issued) viewer.cookie = issued.value;
  return { response, ticket: response.statusCode === 200 ? (response.json().ticket as string) : undefined };
}

/** Sends one view report as the player would. */
export function sendViewReport(
  app: FastifyInstance,
  videoId: string,
  viewer: Viewer,
  report: { ticket?: string; watchedSeconds: number },
  headers: Record<string, string> = {},
) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/videos/${videoId}/views`,
    headers: withCookie(viewer, headers),
    payload: report,
    remoteAddress: viewer.address,
  });
}

/**
 * An honest watch: a ticket issued `watchedSeconds` ago on the platform's clock (moved back for it, so
 * nothing waits and the clock does not drift), then the report of that time.
 */
export async function reportViewing(
  test: Watched,
  videoId: string,
  viewer: Viewer,
  watchedSeconds: number,
  headers: Record<string, string> = {},
) {
  test.clock.advance(-watchedSeconds);
  const { ticket } = await takeTicket(test.app, videoId, viewer, headers).finally(() =>
    test.clock.advance(watchedSeconds),
  );
  return sendViewReport(test.app, videoId, viewer, { ticket, watchedSeconds }, headers);
}
