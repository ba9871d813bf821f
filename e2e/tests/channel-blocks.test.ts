// Blocking a commenter, end to end: the creator blocks a viewer from a comment's actions (after a
// confirmation); the comment disappears for the creator but not for its author, whose next comment is
// refused; the studio lists the viewer under Blocked people, and Unblock brings the comment back.
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type Person } from '../support/browser.js';
import { makeClip } from '../support/clips.js';
import { signIn, signUp } from '../support/in-the-browser.js';
import { type Account, newAccount } from '../support/people.js';
import { publishClip, register } from '../support/through-the-api.js';

const baseUrl = inject('baseUrl');
const TITLE = 'Tuning a cello';
const REMARK = 'First! Check out my channel';
let videoId: string;
let creator: Person;
let viewer: Person;
let viewerAccount: Account;

beforeAll(async () => {
  const account = newAccount('Cellist');
  const token = await register(baseUrl, account);
  const clip = await makeClip('channel-blocks-clip.mp4', { seconds: 3 });
  videoId = await publishClip(baseUrl, token, clip, { title: TITLE, visibility: 'public' });
  [creator, viewer] = await Promise.all([openBrowser(baseUrl), openBrowser(baseUrl)]);
  await signIn(creator.page, account, `/watch/${videoId}`);
  viewerAccount = newAccount('Spammer');
  await signUp(viewer.page, viewerAccount);
});
afterAll(() => Promise.all([creator?.close(), viewer?.close()]));

async function watch(person: Person): Promise<void> {
  await person.page.goto(`/watch/${videoId}`);
  await person.page.getByRole('heading', { name: TITLE }).waitFor();
  await person.page.locator('.comment-list').waitFor({ state: 'attached' });
}

it('blocks a commenter after a confirmation: their comment goes for the creator, stays for them', async () => {
  await watch(viewer);
  await viewer.page.getByLabel('Add a comment').fill(REMARK);
  await viewer.page.getByRole('button', { name: 'Comment', exact: true }).click();
  await viewer.page.getByRole('heading', { name: '1 comment' }).waitFor();

  await watch(creator);
  const comment = creator.page.locator('.comment').filter({ hasText: REMARK });
  await comment.getByRole('button', { name: 'Block this person from my channel' }).click();
  const confirmation = comment.getByRole('group', { name: `Block @${viewerAccount.handle}?` });
  await confirmation.getByRole('button', { name: 'Block' }).click();
  await comment.waitFor({ state: 'detached' });
  await creator.page.getByRole('heading', { name: '0 comments' }).waitFor();

  await watch(viewer);
  await viewer.page.locator('.comment').filter({ hasText: REMARK }).waitFor();
  await viewer.page.getByLabel('Add a comment').fill('Why was I blocked?');
  await viewer.page.getByRole('button', { name: 'Comment', exact: true }).click();
  await viewer.page
    .getByRole('alert')
    .getByText("This channel's owner does not accept your comments")
    .waitFor();
  // The refusal is a 403 the form explains: the browser's own note of it is expected.
  const unexpected = viewer.takeConsoleErrors().filter((problem) => !problem.sourceUrl.endsWith('/comments'));
  expect(unexpected).toEqual([]);
});

it('lists the blocked viewer in the studio; Unblock brings their comment back', async () => {
  const { page } = creator;
  await page.goto('/studio');
  const blocked = page.getByRole('region', { name: 'Blocked people' });
  const row = blocked.getByRole('listitem').filter({ hasText: `@${viewerAccount.handle}` });
  await row.getByRole('button', { name: 'Unblock' }).click();
  await blocked.getByText('Nobody is blocked from commenting on your channel.').waitFor();

  await watch(creator);
  await page.getByRole('heading', { name: '1 comment' }).waitFor();
  await page.locator('.comment').filter({ hasText: REMARK }).waitFor();
  expect(creator.consoleErrors).toEqual([]);
});
