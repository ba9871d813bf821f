// Another site, for what a page of the app does when some other origin frames it: a tiny HTTP server on
// its own port, addressed as `localhost` while the app is on 127.0.0.1, so it is another origin and
// another site (cookies marked SameSite stay behind, as they would on the web).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OtherSite {
  /** The address of a page of it. */
  url(page: string): string;
  close(): Promise<void>;
}

/** Serves each page's HTML at its path ("/player" → its body); any other path is a 404. */
export async function startOtherSite(pages: Record<string, string>): Promise<OtherSite> {
  const server: Server = createServer((request, response) => {
    const body = pages[request.url ?? ''];
    response.writeHead(body === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(body ?? 'Not here');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (page) => `http://localhost:${port}${page}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A page of that site that shows `html` (an iframe, say) under a heading. */
export const sitePage = (html: string) =>
  `<!doctype html><html><head><title>Another site</title><link rel="icon" href="data:,"></head><body><h1>Another site</h1>${html}</body></html>`;
