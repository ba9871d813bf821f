// Embeds and sharing. A page of another site (another origin, another site) frames the embedded player
// with the code our oEmbed answer gives: it starts by itself, muted, at the link's time. The same page
// cannot frame the watch page, and a private video does not play in an embed. The watch page starts at
// a link's ?t=, and its share dialog gives the link at the current time and the embed code.
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type Person } from '../support/browser.js';
import { makeClip } from '../support/clips.js';
import { screenshot } from '../support/in-the-browser.js';
import { type OtherSite, sitePage, startOtherSite } from '../support/other-site.js';
import { newAccount } from '../support/people.js';
import { inside, playerLayout, waitForControls } from '../support/player.js';
import { publishClip, register } from '../support/through-the-api.js';

const baseUrl = inject('baseUrl');
const title = 'Clip for other sites';
let publicId: string;
let privateId: string;
let site: OtherSite;
let visitor: Person;

/** The iframe other sites paste, as our oEmbed answer writes it for this watch link. */
async function embedCode(watchUrl: string): Promise<string> {
  const query = new URLSearchParams({ url: watchUrl, format: 'json' });
  const answer = await fetch(`${baseUrl}/api/oembed?${query}`);
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { html: string }).html;
}

beforeAll(async () => {
  const token = await register(baseUrl, newAccount('Embedder'));
  const clip = await makeClip('embed-clip.mp4', { seconds: 8 });
  publicId = await publishClip(baseUrl, token, clip, { title, visibility: 'public' });
  privateId = await publishClip(baseUrl, token, clip, { title: 'Not for embeds', visibility: 'private' });
  const code = await embedCode(`${baseUrl}/watch/${publicId}?t=3`);
  site = await startOtherSite({
    // The pasted code, with autoplay asked for as a site may.
    '/player': sitePage(code.replace('?start=3"', '?start=3&amp;autoplay=1"')),
    '/watch': sitePage(`<iframe src="${baseUrl}/watch/${publicId}" width="640" height="360"></iframe>`),
    '/private': sitePage(`<iframe src="${baseUrl}/embed/${privateId}" width="640" height="360"></iframe>`),
  });
  visitor = await openBrowser(baseUrl);
});
afterAll(async () => {
  await visitor?.close();
  await site?.close();
});

/** The page's one iframe, once it has loaded. */
async function childFrame(page: Page): Promise<Frame> {
  const element = await page.waitForSelector('iframe');
  await page.waitForLoadState('load');
  const frame = await element.contentFrame();
  if (!frame) throw new Error('the iframe has no frame');
  return frame;
}

/** Where playback began and whether it is muted, once the video has played past `seconds`. */
async function playedPast(frame: Frame, seconds: number) {
  await frame.waitForFunction(
    (past) => {
      const video = document.querySelector('video');
      return video !== null && !video.paused && video.currentTime > past;
    },
    seconds,
    { timeout: 30_000 },
  );
  return frame.locator('video').evaluate((video: HTMLVideoElement) => ({
    startedAt: video.played.start(0),
    muted: video.muted,
  }));
}

it('plays in an iframe of another site, by itself and muted, from ?start=', async () => {
  const { page } = visitor;
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  await page.goto(site.url('/player'));
  const frame = await childFrame(page);
  expect(new URL(frame.url()).pathname).toBe(`/embed/${publicId}`);
  const played = await playedPast(frame, 4);
  expect(played.muted).toBe(true);
  expect(played.startedAt).toBeGreaterThanOrEqual(2.9);
  // Its own entry, the chunk it shares with the app (React, the player) and hls.js: not the app's shell.
  expect(scripts.some((script) => /^\/assets\/embed-[\w-]+\.js$/.test(script))).toBe(true);
  expect(scripts.filter((script) => /^\/assets\/app-/.test(script))).toEqual([]);
  // The title leads to the video's watch page, in a tab of its own.
  const link = frame.getByRole('link', { name: title });
  expect(await link.getAttribute('href')).toBe(`/watch/${publicId}`);
  expect(await link.getAttribute('target')).toBe('_blank');
  // The same control bar as the watch page, over the foot of the picture: it comes back under the pointer.
  await frame.locator('video').hover();
  await waitForControls(frame, true);
  const layout = await playerLayout(frame);
  expect(inside(layout.controls, layout.video)).toBe(true);
  expect(layout.row.map((control) => control.name)).toEqual([
    'Pause',
    'Unmute',
    'Volume',
    expect.stringMatching(/^0:\d\d \/ 0:08$/),
    'Settings',
    'Picture in picture',
    'Full screen',
  ]);
  await screenshot(page, 'embed-on-another-site');
  expect(visitor.takeConsoleErrors()).toEqual([]);
});

it('the watch page refuses to be framed by that site', async () => {
  const { page } = visitor;
  const served = page.waitForResponse((response) => response.url() === `${baseUrl}/watch/${publicId}`);
  await page.goto(site.url('/watch'));
  // The app answered; the browser refused to show the answer in the frame.
  expect((await served).status()).toBe(200);
  const frame = await childFrame(page);
  expect(await frame.evaluate(() => document.querySelector('#root, video'))).toBeNull();
  const problems = visitor.takeConsoleErrors();
  expect(problems.map((problem) => problem.text)).toEqual([
    expect.stringMatching(/^Framing '[^']+' violates .*"frame-ancestors 'self'"/),
  ]);
});

it('does not play a private video: the embed says it is private', async () => {
  const { page } = visitor;
  const mediaRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(`${baseUrl}/media/`)) mediaRequests.push(request.url());
  });
  await page.goto(site.url('/private'));
  const frame = await childFrame(page);
  await frame.getByRole('alert').filter({ hasText: 'This video is private' }).waitFor();
  await screenshot(page, 'embed-of-a-private-video');
  expect(await frame.locator('video').count()).toBe(0);
  expect(mediaRequests).toEqual([]);
  // The one error is the refused look-up, which the panel explains.
  const problems = visitor.takeConsoleErrors();
  expect(problems.map((problem) => problem.sourceUrl)).toEqual([
    `${baseUrl}/api/v1/videos/${privateId}/embed`,
  ]);
  expect(problems[0]?.text).toMatch(/403/);
});

it('the watch page starts at ?t=, and shares its link at the current time and its embed code', async () => {
  const { page, context } = visitor;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
  await page.goto(`/watch/${publicId}?t=4`);
  await page.getByRole('button', { name: 'Play video' }).click();
  await playedPast(page.mainFrame(), 4.5);
  const watched = await page.locator('video').evaluate((video: HTMLVideoElement) => {
    video.pause();
    return { startedAt: video.played.start(0), now: Math.floor(video.currentTime) };
  });
  expect(watched.startedAt).toBeGreaterThanOrEqual(3.9);

  await page.getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share' });
  const link = dialog.getByRole('textbox', { name: 'Link' });
  expect(await link.inputValue()).toBe(`${baseUrl}/watch/${publicId}`);
  await dialog.getByRole('checkbox', { name: /^Start at / }).check();
  const atTime = `${baseUrl}/watch/${publicId}?t=${watched.now}`;
  expect(await link.inputValue()).toBe(atTime);
  await dialog.getByRole('button', { name: 'Copy link' }).click();
  await dialog.getByRole('status').filter({ hasText: 'Link copied' }).waitFor();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(atTime);

  const code = dialog.getByRole('textbox', { name: 'Embed' });
  await expect
    .poll(() => code.inputValue())
    .toMatch(new RegExp(`^<iframe src="${baseUrl}/embed/${publicId}\\?start=${watched.now}" `));
  await dialog.getByRole('button', { name: 'Copy embed code' }).click();
  await dialog.getByRole('status').filter({ hasText: 'Embed code copied' }).waitFor();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await code.inputValue());
  await screenshot(page, 'share-dialog');
  expect(visitor.takeConsoleErrors()).toEqual([]);
});
