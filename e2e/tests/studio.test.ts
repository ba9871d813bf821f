// The studio: my videos listed, their details edited, and one deleted after a confirmation.
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type Person } from '../support/browser.js';
import { makeClip } from '../support/clips.js';
import { screenshot } from '../support/in-the-browser.js';
import { newAccount } from '../support/people.js';
import { publishClip, register } from '../support/through-the-api.js';

const baseUrl = inject('baseUrl');
let owner: Person;
let editedId: string;
let deletedId: string;

beforeAll(async () => {
  const account = newAccount('Studio');
  const token = await register(baseUrl, account);
  const clip = await makeClip('studio-clip.mp4', { seconds: 3 });
  editedId = await publishClip(baseUrl, token, clip, { title: 'First cut', visibility: 'public' });
  deletedId = await publishClip(baseUrl, token, clip, { title: 'Outtake', visibility: 'public' });
  owner = await openBrowser(baseUrl);
  await owner.page.goto('/signin?next=/studio');
  await owner.page.getByLabel('Email').fill(account.email);
  await owner.page.getByLabel('Password').fill(account.password);
  await owner.page.getByRole('button', { name: 'Sign in' }).click();
  await owner.page.getByRole('heading', { name: 'Your videos' }).waitFor();
});
afterAll(() => owner?.close());

it('edits a video’s title, description and visibility', async () => {
  const { page } = owner;
  const row = page.getByRole('listitem').filter({ hasText: 'First cut' });
  await row.getByRole('button', { name: 'Edit' }).click();
  const editor = page.getByRole('form', { name: 'Edit First cut' });
  await editor.getByLabel('Title').fill('Director’s cut');
  await editor.getByLabel('Description').fill('Now with more test pattern.');
  await editor.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('link', { name: 'Director’s cut' }).waitFor();
  await screenshot(page, 'desktop-studio');

  await page
    .getByRole('listitem')
    .filter({ hasText: 'Director’s cut' })
    .getByRole('button', { name: 'Edit' })
    .click();
  await page
    .getByRole('form', { name: 'Edit Director’s cut' })
    .getByLabel('Visibility')
    .selectOption('unlisted');
  await page.getByRole('form', { name: 'Edit Director’s cut' }).getByRole('button', { name: 'Save' }).click();
  await page.getByRole('link', { name: 'Director’s cut' }).waitFor({ state: 'detached' });

  await page.goto(`/watch/${editedId}`);
  await page.getByRole('heading', { name: 'Director’s cut' }).waitFor();
  await page.getByText('Now with more test pattern.').waitFor();
  await page.getByText('· unlisted').waitFor();
  expect(owner.consoleErrors).toEqual([]);
});

it('deletes a video only after the confirmation', async () => {
  const { page } = owner;
  await page.goto('/studio');
  const deleteButton = page
    .getByRole('listitem')
    .filter({ hasText: 'Outtake' })
    .getByRole('button', { name: 'Delete' });
  await deleteButton.click();
  const dialog = page.getByRole('dialog', { name: 'Delete “Outtake”?' });
  await dialog.getByRole('button', { name: 'Keep it' }).click();
  await dialog.waitFor({ state: 'hidden' });
  expect(await page.getByRole('link', { name: 'Outtake' }).count()).toBe(1);

  await deleteButton.click();
  await dialog.getByRole('button', { name: 'Delete for good' }).click();
  await page.getByText('Nothing here yet.').waitFor();
  const answer = await page.evaluate(async (id) => (await fetch(`/api/v1/videos/${id}`)).status, deletedId);
  expect(answer).toBe(404);
});
