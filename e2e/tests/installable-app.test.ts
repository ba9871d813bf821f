// The web app manifest served by the built app: what it says, its icons really being PNGs of the sizes it
// names, and Chromium reading it without errors and finding the app installable.
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type Person } from '../support/browser.js';

const baseUrl = inject('baseUrl');
let visitor: Person;

beforeAll(async () => {
  visitor = await openBrowser(baseUrl);
});
afterAll(() => visitor?.close());

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}

/** Width and height from a PNG's header (IHDR), after checking its signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

it('serves a manifest with the app’s name, start address, colours and PNG icons', async () => {
  const response = await fetch(`${baseUrl}/manifest.webmanifest`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
  const manifest = (await response.json()) as Record<string, unknown> & { icons: ManifestIcon[] };
  expect(manifest).toMatchObject({
    name: 'VidStream',
    short_name: 'VidStream',
    start_url: '/',
    display: 'standalone',
  });
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/);
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/);
  expect(manifest.icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  expect(manifest.icons.some((icon) => icon.purpose === 'maskable')).toBe(true);
  for (const icon of manifest.icons) {
    const answer = await fetch(new URL(icon.src, baseUrl));
    expect(answer.status, icon.src).toBe(200);
    expect(answer.headers.get('content-type')).toBe('image/png');
    const [width, height] = icon.sizes.split('x').map(Number);
    expect(pngSize(Buffer.from(await answer.arrayBuffer()))).toEqual({ width, height });
  }
});

it('is linked from every page, and Chromium reads it without errors and finds the app installable', async () => {
  const { page, context } = visitor;
  // A deep address answers with the app too, manifest link included.
  await page.goto('/search?q=anything');
  expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe('/manifest.webmanifest');
  const devtools = await context.newCDPSession(page);
  const read = await devtools.send('Page.getAppManifest');
  expect(read.url).toBe(`${baseUrl}/manifest.webmanifest`);
  expect(read.errors).toEqual([]);
  const { installabilityErrors } = await devtools.send('Page.getInstallabilityErrors');
  expect(installabilityErrors).toEqual([]);
  expect(visitor.consoleErrors).toEqual([]);
});
