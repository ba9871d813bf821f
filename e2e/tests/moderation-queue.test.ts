// The moderation queue from report to action: a member reports a video on its watch page; the instance's
// administrator opens Administration → Reports and hides it with a reason; a viewer whose page already had
// the video open can no longer load its media; the audit log shows who hid it and why.
//
// This file has an app of its own, so its first account (the administrator) is the one it signs up first.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../support/app-server.js';
import { openBrowser, type Person } from '../support/browser.js';
import { makeClip } from '../support/clips.js';
import { screenshot, signUp } from '../support/in-the-browser.js';
import { newAccount } from '../support/people.js';
import { publishClip, register } from '../support/through-the-api.js';

const TITLE = 'Miracle pills explained';
let starting: Promise<RunningApp> | undefined;
let app: RunningApp;
let videoId: string;
let administrator: Person;
let reporter: Person;
let viewer: Person;
/** Media URLs the viewer's page was handed with the video: its master playlist and one segment. */
let viewersMedia: string[];

beforeAll(async () => {
  starting = startApp({ logName: 'app-moderation-queue.log' });
  const clip = await makeClip('moderated-clip.mp4', { seconds: 4 });
  app = await starting;
  administrator = await openBrowser(app.baseUrl);
  await signUp(administrator.page, newAccount('Admin'));
  const uploader = await register(app.baseUrl, newAccount('Uploader'));
  videoId = await publishClip(app.baseUrl, uploader, clip, { title: TITLE, visibility: 'public' });
  [reporter, viewer] = await Promise.all([openBrowser(app.baseUrl), openBrowser(app.baseUrl)]);
}, 240_000);
afterAll(async () => {
  for (const person of [administrator, reporter, viewer]) await person?.close();
  await (await starting?.catch(() => undefined))?.stop();
});

/** The status of the page's own request for `url`, with its cookies, past the browser's cache. */
const statusIn = (page: Page, url: string) =>
  page.evaluate((address) => fetch(address, { cache: 'no-store' }).then((response) => response.status), url);

/**
 * Opens the watch page and answers the master playlist it was handed and the last segment of its first
 * variant, which nothing has fetched yet (the player has not played).
 */
async function openWatchPage(page: Page): Promise<string[]> {
  const answer = page.waitForResponse((response) => response.url().endsWith(`/api/v1/videos/${videoId}`));
  await page.goto(`/watch/${videoId}`);
  const { hlsUrl } = (await (await answer).json()) as { hlsUrl: string };
  await page.getByRole('heading', { name: TITLE }).waitFor();
  const text = (url: string) => page.evaluate((address) => fetch(address).then((r) => r.text()), url);
  const variant = new URL(
    (await text(hlsUrl)).split('\n').find((line) => line.endsWith('.m3u8')) as string,
    hlsUrl,
  ).href;
  const segment = (await text(variant)).split('\n').findLast((line) => line.endsWith('.m4s')) as string;
  return [hlsUrl, new URL(segment, variant).href];
}

it('takes a report from the watch page to the queue, hides the video, and withdraws its media', async () => {
  await signUp(reporter.page, newAccount('Reporter'));
  await reporter.page.goto(`/watch/${videoId}`);
  await reporter.page.getByRole('button', { name: 'Report' }).click();
  const reportDialog = reporter.page.getByRole('dialog', { name: 'Report this video' });
  await reportDialog.getByRole('radio', { name: 'Spam or scam' }).check();
  await reportDialog.getByRole('button', { name: 'Report' }).click();
  await reportDialog.getByRole('status').waitFor();

  viewersMedia = await openWatchPage(viewer.page);

  const { page } = administrator;
  await page.goto('/');
  await page.getByLabel(/Account menu for/).click();
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.waitForURL('**/admin/reports');
  const item = page.getByRole('listitem').filter({ hasText: TITLE });
  await item.getByText('1 report').waitFor();
  await item.getByText('spam').waitFor();
  await screenshot(page, 'desktop-admin-reports');
  await item.getByRole('button', { name: 'Hide video' }).click();
  const dialog = page.getByRole('dialog', { name: 'Hide this video' });
  await dialog.getByRole('textbox', { name: /Reason/ }).fill('Sells fake medicine');
  const hidden = page.waitForResponse((response) => response.url().includes('/moderation'));
  await dialog.getByRole('button', { name: 'Hide video' }).click();
  expect((await hidden).status()).toBe(204);
  await dialog.waitFor({ state: 'detached' });
  await page.getByText('Nothing is waiting for a moderator.').waitFor();

  // The viewer's page still holds the URLs it was handed: a segment it had not loaded yet, and the
  // playlist asked for again, are refused.
  for (const url of viewersMedia) expect(await statusIn(viewer.page, url)).toBe(403);

  await page
    .getByRole('navigation', { name: 'Administration sections' })
    .getByRole('link', { name: 'Audit log' })
    .click();
  const entry = page.getByRole('listitem').filter({ hasText: 'Sells fake medicine' });
  await entry.getByText(/hid video/).waitFor();
  expect(await entry.getByRole('link', { name: TITLE }).getAttribute('href')).toBe(`/watch/${videoId}`);
  await screenshot(page, 'desktop-admin-audit-log');
  expect(administrator.consoleErrors).toEqual([]);
});
