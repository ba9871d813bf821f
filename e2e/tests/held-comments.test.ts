// Comments held for approval, end to end: the creator holds a video's comments in the studio; a viewer's
// comment shows to them as awaiting approval and to a second viewer not at all, until the creator approves
// it in the studio's Held comments, after which the second viewer sees it. Turned off, the comments go.
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type Person } from '../support/browser.js';
import { makeClip } from '../support/clips.js';
import { screenshot, signIn, signUp } from '../support/in-the-browser.js';
import { newAccount } from '../support/people.js';
import { publishClip, register } from '../support/through-the-api.js';

const baseUrl = inject('baseUrl');
const TITLE = 'Open studio day';
const REMARK = 'Could you show the mixing desk next time?';
let videoId: string;
let creator: Person;
let viewer: Person;
let secondViewer: Person;

beforeAll(async () => {
  const account = newAccount('Creator');
  const token = await register(baseUrl, account);
  const clip = await makeClip('held-comments-clip.mp4', { seconds: 3 });
  videoId = await publishClip(baseUrl, token, clip, { title: TITLE, visibility: 'public' });
  [creator, viewer, secondViewer] = await Promise.all([
    openBrowser(baseUrl),
    openBrowser(baseUrl),
    openBrowser(baseUrl),
  ]);
  await signIn(creator.page, account, '/studio');
  await creator.page.getByRole('heading', { name: 'Your videos' }).waitFor();
  await signUp(viewer.page, newAccount('Viewer'));
  await signUp(secondViewer.page, newAccount('Second'));
});
afterAll(() => Promise.all([creator?.close(), viewer?.close(), secondViewer?.close()]));

/** Opens the watch page and waits until its comments are read. */
async function watch(person: Person): Promise<void> {
  await person.page.goto(`/watch/${videoId}`);
  await person.page.getByRole('heading', { name: TITLE }).waitFor();
  await person.page.locator('.comment-list').waitFor({ state: 'attached' });
}

/** Sets the video's comment policy in the studio's editor. */
async function setCommentPolicy(policy: 'open' | 'held' | 'closed'): Promise<void> {
  const { page } = creator;
  const row = page.locator('.studio-row').filter({ hasText: TITLE });
  await row.getByRole('button', { name: 'Edit' }).click();
  await row.getByLabel('Comments').selectOption(policy);
  const saved = page.waitForResponse((response) => response.url().endsWith(`/api/v1/videos/${videoId}`));
  await row.getByRole('button', { name: 'Save' }).click();
  expect((await saved).request().postDataJSON()).toMatchObject({ commentPolicy: policy });
  expect((await saved).status()).toBe(200);
}

it('holds the comments of a video set to held in the studio', async () => {
  await setCommentPolicy('held');
});

it('shows a held comment to its author as awaiting approval, and not to a second viewer', async () => {
  await watch(viewer);
  await viewer.page.getByLabel('Add a comment').fill(REMARK);
  await viewer.page.getByRole('button', { name: 'Comment', exact: true }).click();
  await viewer.page.getByRole('status').getByText("Your comment awaits the creator's approval").waitFor();
  const mine = viewer.page.locator('.comment').filter({ hasText: REMARK });
  await mine.getByText('Awaiting approval').waitFor();
  await screenshot(viewer.page, 'desktop-comment-awaiting-approval');

  await watch(secondViewer);
  await secondViewer.page.getByRole('heading', { name: '0 comments' }).waitFor();
  expect(await secondViewer.page.getByText(REMARK).count()).toBe(0);
});

it('lets the creator approve it in the studio, after which the second viewer sees it', async () => {
  const { page } = creator;
  await page.reload();
  const held = page.getByRole('region', { name: 'Held comments' });
  const item = held.getByRole('listitem').filter({ hasText: REMARK });
  await item.waitFor();
  expect(await item.textContent()).toContain(TITLE);
  await screenshot(page, 'desktop-studio-held-comments');
  await item.getByRole('button', { name: 'Approve' }).click();
  await held.getByText('No comment awaits your approval.').waitFor();

  await watch(secondViewer);
  await secondViewer.page.getByRole('heading', { name: '1 comment' }).waitFor();
  const approved = secondViewer.page.locator('.comment').filter({ hasText: REMARK });
  await approved.waitFor();
  expect(await approved.getByText('Awaiting approval').count()).toBe(0);
  for (const person of [creator, viewer, secondViewer]) expect(person.consoleErrors).toEqual([]);
});

it('hides the comments and the form of a video whose comments are turned off', async () => {
  await setCommentPolicy('closed');
  const { page } = secondViewer;
  await page.goto(`/watch/${videoId}`);
  await page.getByRole('region', { name: 'Comments' }).getByText('Comments are turned off.').waitFor();
  expect(await page.getByText(REMARK).count()).toBe(0);
  expect(await page.getByLabel('Add a comment').count()).toBe(0);
  expect(secondViewer.consoleErrors).toEqual([]);
});
