// Reporting a video from its watch page: a signed-in viewer picks a reason and adds a word; a second
// report of the same video is taken as the first, still open. A comment and a channel are reported the same
// way. Signed out, there is nothing to report with.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type Person } from '../support/browser.js';
import { makeClip } from '../support/clips.js';
import { screenshot, signUp } from '../support/in-the-browser.js';
import { type Account, newAccount } from '../support/people.js';
import { postComment, publishClip, register } from '../support/through-the-api.js';

const baseUrl = inject('baseUrl');
let uploader: Account;
let uploaderToken: string;
let videoId: string;
let viewer: Person;

beforeAll(async () => {
  uploader = newAccount('Uploader');
  uploaderToken = await register(baseUrl, uploader);
  const clip = await makeClip('reported-clip.mp4', { seconds: 4 });
  videoId = await publishClip(baseUrl, uploaderToken, clip, {
    title: 'Buy followers now',
    visibility: 'public',
  });
  viewer = await openBrowser(baseUrl);
});
afterAll(() => viewer?.close());

it('offers no Report button to someone signed out', async () => {
  const { page } = viewer;
  await page.goto(`/watch/${videoId}`);
  await page.getByRole('heading', { name: 'Buy followers now' }).waitFor();
  expect(await page.getByRole('button', { name: 'Report' }).count()).toBe(0);
});

it('files a report with a reason and details, and knows a second one is the same', async () => {
  const { page } = viewer;
  await signUp(page, newAccount('Watchful'));
  await page.goto(`/watch/${videoId}`);
  await page.getByRole('button', { name: 'Report' }).click();
  const dialog = page.getByRole('dialog', { name: 'Report this video' });
  const send = dialog.getByRole('button', { name: 'Report' });
  expect(await send.isDisabled()).toBe(true);
  await dialog.getByRole('radio', { name: 'Spam or scam' }).check();
  await dialog
    .getByRole('textbox', { name: /Anything the moderators should know/ })
    .fill('Links in every comment');
  await screenshot(page, 'desktop-report-dialog');
  const filed = page.waitForResponse((response) => response.url().endsWith('/api/v1/reports'));
  await send.click();
  expect((await filed).status()).toBe(204);
  expect((await filed).request().postDataJSON()).toEqual({
    kind: 'video',
    id: videoId,
    reason: 'spam',
    details: 'Links in every comment',
  });
  await dialog.getByRole('status').getByText('A moderator will look at this video').waitFor();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'detached' });

  await page.getByRole('button', { name: 'Report' }).click();
  await dialog.getByRole('radio', { name: 'Misleading' }).check();
  await dialog.getByRole('button', { name: 'Report' }).click();
  await dialog.getByRole('status').getByText('You have already reported this video').waitFor();
  // The second answer is a 409 the dialog explains: the browser's own note of it is expected.
  const unexpected = viewer.consoleErrors.filter((problem) => !problem.sourceUrl.endsWith('/api/v1/reports'));
  expect(unexpected).toEqual([]);
});

/** Files the report the open dialog asks for, with this reason; returns what was sent. */
async function fileThroughDialog(page: Page, kind: string, reason: string): Promise<unknown> {
  const dialog = page.getByRole('dialog', { name: `Report this ${kind}` });
  await dialog.getByRole('radio', { name: reason }).check();
  const filed = page.waitForResponse((response) => response.url().endsWith('/api/v1/reports'));
  await dialog.getByRole('button', { name: 'Report' }).click();
  expect((await filed).status()).toBe(204);
  await dialog.getByRole('status').getByText(`A moderator will look at this ${kind}`).waitFor();
  await dialog.getByRole('button', { name: 'Close' }).click();
  return (await filed).request().postDataJSON();
}

it("reports someone's comment and channel through the same dialog", async () => {
  const { page } = viewer;
  const commentId = await postComment(baseUrl, uploaderToken, videoId, 'Cheap followers at my site');
  await page.goto(`/watch/${videoId}`);
  const comment = page.getByRole('listitem').filter({ hasText: 'Cheap followers at my site' });
  await comment.getByRole('button', { name: 'Report' }).click();
  expect(await fileThroughDialog(page, 'comment', 'Spam or scam')).toEqual({
    kind: 'comment',
    id: commentId,
    reason: 'spam',
  });

  await page.goto(`/@${uploader.handle}`);
  await page.getByRole('heading', { name: uploader.displayName }).waitFor();
  await page.getByRole('button', { name: 'Report' }).click();
  expect(await fileThroughDialog(page, 'channel', 'Harassment or bullying')).toMatchObject({
    kind: 'channel',
    reason: 'harassment',
  });
});
