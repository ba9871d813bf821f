// Serves bench:qoe's baseline: a plain page that plays one master playlist with hls.js at its default
// settings, and hls.js's own build, from another origin on this machine.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';

const HLS_SCRIPT = createRequire(import.meta.url).resolve('hls.js/dist/hls.min.js');

export interface BaselineServer {
  origin: string;
  /** The page for a master playlist's address. */
  pageUrl(masterUrl: string): string;
  close(): Promise<void>;
}

function page(masterUrl: string): string {
  return `<!doctype html><html><body>
<video playsinline style="width:1280px;height:720px"></video><button>Play</button>
<script src="/hls.min.js"></script>
<script>
  const video = document.querySelector('video');
  const hls = new Hls();
  hls.loadSource(${JSON.stringify(masterUrl)});
  hls.attachMedia(video);
  document.querySelector('button').onclick = () => video.play();
</script></body></html>`;
}

export async function startBaselineServer(port: number): Promise<BaselineServer> {
  const script = await readFile(HLS_SCRIPT);
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/hls.min.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    } else if (url.pathname === '/plain.html') {
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end(page(url.searchParams.get('master') ?? ''));
    } else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    pageUrl: (masterUrl) => `${origin}/plain.html?master=${encodeURIComponent(masterUrl)}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
