// A browser watching videos: its client address and the viewer cookie the server issued it, if any.
import type { FastifyInstance } from 'fastify';
import { randomAddress } from './accounts.js';

export interface Viewer {
  address: string;
  /** The `vidstream_viewer` cookie as last set by the server. */
  cookie?: string;
}

export function newViewer(address = randomAddress()): Viewer {
  return { address };
}

/** Reports time watched as the viewer's browser would, keeping any viewer cookie the server sets. */
export async function reportViewing(
  app: FastifyInstance,
  videoId: string,
  viewer: Viewer,
  watchedSeconds: number,
  headers: Record<string, string> = {},
) {
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/videos/${videoId}/views`,
    headers: viewer.cookie ? { ...headers, cookie: `vidstream_viewer=${viewer.cookie}` } : headers,
    payload: { watchedSeconds },
    remoteAddress: viewer.address,
  });
  const issued = response.cookies.find((cookie) => cookie.name === 'vidstream_viewer');
  if (issued) viewer.cookie = issued.value;
  return response;
}
