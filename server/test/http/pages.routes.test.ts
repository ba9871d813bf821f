// The pages the server shapes: the embedded player is the one page any site may frame; the watch page
// refuses to be framed elsewhere and carries the video's oEmbed link and preview tags for crawlers.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlatformApp } from '../../src/platform/api-app.js';
import { bearer, register } from '../support/accounts.js';
import { publishStandInVideo } from '../support/published-videos.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

const PUBLIC_URL = 'https://videos.example.test';
const APP_HTML = '<!doctype html><html><head><title>VidStream</title></head><body>the app</body></html>';
const EMBED_HTML = '<!doctype html><html><head><title>VidStream</title></head><body>the player</body></html>';
/** The build's manifest, as the client's build writes it: hls.js is a chunk the app imports on demand. */
const BUILD_MANIFEST = {
  'index.html': { file: 'assets/app-1a2b3c.js', name: 'app', isEntry: true },
  '../node_modules/hls.js/dist/hls.mjs': { file: 'assets/hls-4d5e6f.js', name: 'hls', isDynamicEntry: true },
};
let test: TestPlatform;
let app: FastifyInstance;
let clientDir: string;
let owner: Awaited<ReturnType<typeof register>>;
let publicId: string;

beforeAll(async () => {
  test = await startTestPlatform({ PUBLIC_URL });
  clientDir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-pages-'));
  await writeFile(path.join(clientDir, 'index.html'), APP_HTML);
  await writeFile(path.join(clientDir, 'embed.html'), EMBED_HTML);
  await mkdir(path.join(clientDir, '.vite'));
  await writeFile(path.join(clientDir, '.vite/manifest.json'), JSON.stringify(BUILD_MANIFEST));
  app = await buildPlatformApp(test.platform, clientDir);
  owner = await register(app);
  publicId = await publishStandInVideo(test.platform, owner, 'public');
});
afterAll(async () => {
  await app.close();
  await test.close();
  await rm(clientDir, { recursive: true, force: true });
});

const frameAncestors = (csp: unknown) => /frame-ancestors ([^;]*)/.exec(String(csp))?.[1];
/** The head's tags, as a crawler reads them. */
const linkTag = (html: string) =>
  /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/.exec(html);
const metaContent = (html: string, key: string) =>
  new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)">`).exec(html)?.[1];
const htmlText = (text: string) =>
  text
    .replaceAll('&quot;', '"')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');

describe('the embedded player page', () => {
  it('may be framed by any site, and by nothing else of the app', async () => {
    const answer = await app.inject({ url: `/embed/${publicId}?start=30&autoplay=1` });
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toBe(EMBED_HTML);
    expect(answer.headers['content-type']).toMatch(/^text\/html/);
    expect(frameAncestors(answer.headers['content-security-policy'])).toBe('*');
    expect(answer.headers['x-frame-options']).toBeUndefined();
    // Everything else of its policy is the app's.
    expect(answer.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('is the player page for any id: the player says what it cannot show', async () => {
    const answer = await app.inject({ url: '/embed/AAAAAAAAAAA' });
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toBe(EMBED_HTML);
  });
});

describe('every other page', () => {
  it('refuses to be framed by other sites', async () => {
    for (const url of [`/watch/${publicId}`, '/', '/settings', `/@${owner.handle}`, '/embed.html']) {
      const answer = await app.inject({ url });
      expect(frameAncestors(answer.headers['content-security-policy']), url).toBe("'self'");
      expect(answer.headers['x-frame-options'], url).toBe('SAMEORIGIN');
    }
    // API answers may not be framed at all, not even by the app's own pages.
    const data = await app.inject({ url: '/api/v1/feed/newest' });
    expect(frameAncestors(data.headers['content-security-policy'])).toBe("'none'");
    expect(data.headers['x-frame-options']).toBe('DENY');
  });
});

describe('the watch page', () => {
  it('links its oEmbed answer in the head, and the link answers for this video', async () => {
    const answer = await app.inject({ url: `/watch/${publicId}` });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-cache');
    const href = htmlText(linkTag(answer.body)?.[1] ?? '');
    expect(href).toBe(
      `${PUBLIC_URL}/api/oembed?url=${encodeURIComponent(`${PUBLIC_URL}/watch/${publicId}`)}&format=json`,
    );
    expect(answer.body.indexOf(href.replaceAll('&', '&amp;'))).toBeLessThan(answer.body.indexOf('</head>'));
    const oembed = await app.inject({ url: href.slice(PUBLIC_URL.length) });
    expect(oembed.statusCode).toBe(200);
    expect(oembed.json().html).toContain(`/embed/${publicId}"`);
  });

  it('carries Open Graph tags with the title, the poster and the player, escaped', async () => {
    const title = `Tom & "Jerry" <script>alert(1)</script>`;
    const edited = await app.inject({
      method: 'PATCH',
      url: `/api/v1/videos/${publicId}`,
      headers: bearer(owner.token),
      payload: { title, description: 'A chase,\n\nin two parts' },
    });
    expect(edited.statusCode).toBe(200);
    const html = (await app.inject({ url: `/watch/${publicId}` })).body;
    expect(html).not.toContain('<script>');
    expect(html).toContain(
      `<title>Tom &amp; &quot;Jerry&quot; &lt;script&gt;alert(1)&lt;/script&gt; - VidStream</title>`,
    );
    expect(htmlText(metaContent(html, 'og:title') ?? '')).toBe(title);
    expect(metaContent(html, 'og:description')).toBe('A chase, in two parts');
    expect(metaContent(html, 'og:url')).toBe(`${PUBLIC_URL}/watch/${publicId}`);
    expect(metaContent(html, 'og:image')).toMatch(new RegExp(`/videos/${publicId}/poster\\.jpg$`));
    expect(metaContent(html, 'og:video:url')).toBe(`${PUBLIC_URL}/embed/${publicId}`);
    expect(metaContent(html, 'twitter:player')).toBe(`${PUBLIC_URL}/embed/${publicId}`);
    expect(metaContent(html, 'robots')).toBeUndefined();
  });

  it('preloads the player library and the master playlist the app will ask for, as the app asks', async () => {
    const html = (await app.inject({ url: `/watch/${publicId}` })).body;
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head).toContain('<link rel="modulepreload" crossorigin href="/assets/hls-4d5e6f.js">');
    const preload = /<link rel="preload" as="fetch" crossorigin href="([^"]+)">/.exec(head)?.[1];
    const video = await app.inject({ url: `/api/v1/videos/${publicId}` });
    expect(preload && htmlText(preload)).toBe(video.json().hlsUrl);
  });

  it('tells search engines not to list an unlisted video, which still unfurls', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'unlisted');
    const html = (await app.inject({ url: `/watch/${id}` })).body;
    expect(linkTag(html)).not.toBeNull();
    expect(metaContent(html, 'robots')).toBe('noindex');
  });

  it('says nothing of a private or unknown video: it is the app as it is', async () => {
    const privateId = await publishStandInVideo(test.platform, owner, 'private');
    for (const url of [`/watch/${privateId}`, '/watch/AAAAAAAAAAA', '/watch/not-an-id']) {
      const answer = await app.inject({ url, headers: bearer(owner.token) });
      expect(answer.statusCode, url).toBe(200);
      expect(answer.body, url).toBe(APP_HTML);
    }
  });
});
