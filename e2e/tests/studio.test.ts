// The studio: all my videos listed with their state and visibility (private, unfinished and failed ones
// too), their details edited, one deleted after a confirmation, and one followed through processing.
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type Person } from '../support/browser.js';
import { makeClip } from '../support/clips.js';
import { screenshot } from '../support/in-the-browser.js';
import { newAccount } from '../support/people.js';
import { publishClip, register, startUpload, uploadClip, waitFor } from '../support/through-the-api.js';

const baseUrl = inject('baseUrl');
let owner: Person;
let token: string;
let editedId: string;
let deletedId: string;
let failure: string;

beforeAll(async () => {
  const account = newAccount('Studio');
  token = await register(baseUrl, account);
  const clip = await makeClip('studio-clip.mp4', { seconds: 3 });
  editedId = await publishClip(baseUrl, token, clip, { title: 'First cut', visibility: 'public' });
  deletedId = await publishClip(baseUrl, token, clip, { title: 'Outtake', visibility: 'public' });
  await publishClip(baseUrl, token, clip, { title: 'Secret take', visibility: 'private' });
  const notes = path.join(tmpdir(), `studio-notes-${Date.now()}.mp4`);
  await writeFile(notes, 'These are notes, not a film. '.repeat(100));
  const failedId = await uploadClip(baseUrl, token, notes, { title: 'Notes', visibility: 'unlisted' });
  const failed = await waitFor(baseUrl, token, failedId, (video) => video.state === 'failed', 'failed');
  failure = failed.error ?? '';
  await startUpload(baseUrl, token, 'still-uploading.mp4', 5_000_000);

  owner = await openBrowser(baseUrl);
  await owner.page.goto('/signin?next=/studio');
  await owner.page.getByLabel('Email').fill(account.email);
  await owner.page.getByLabel('Password').fill(account.password);
  await owner.page.getByRole('button', { name: 'Sign in' }).click();
  await owner.page.getByRole('heading', { name: 'Your videos' }).waitFor();
});
afterAll(() => owner?.close());

const row = (title: string) => owner.page.getByRole('listitem').filter({ hasText: title });
const stateOf = (title: string) => row(title).locator('.studio-state').textContent();

it('lists my private, unfinished and failed videos with their state and visibility', async () => {
  const { page } = owner;
  await row('Secret take').waitFor();
  expect(await stateOf('Secret take')).toBe('Ready');
  expect(await row('Secret take').textContent()).toContain('Private');
  expect(await stateOf('Untitled upload')).toBe('Uploading');
  expect(await stateOf('Notes')).toBe('Failed');
  expect(failure.length).toBeGreaterThan(0);
  expect(await row('Notes').textContent()).toContain(failure);
  expect(await row('Notes').textContent()).toContain('Unlisted');
  // Newest upload first.
  const titles = await page.locator('.studio-title').allTextContents();
  expect(titles).toEqual(['Untitled upload', 'Notes', 'Secret take', 'Outtake', 'First cut']);
  await screenshot(page, 'desktop-studio-states');
  expect(owner.consoleErrors).toEqual([]);
});

it('edits a video’s title, description and visibility', async () => {
  const { page } = owner;
  await row('First cut').getByRole('button', { name: 'Edit' }).click();
  const editor = page.getByRole('form', { name: 'Edit First cut' });
  await editor.getByLabel('Title').fill('Director’s cut');
  await editor.getByLabel('Description').fill('Now with more test pattern.');
  await editor.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('link', { name: 'Director’s cut' }).waitFor();
  await screenshot(page, 'desktop-studio');

  await row('Director’s cut').getByRole('button', { name: 'Edit' }).click();
  await page
    .getByRole('form', { name: 'Edit Director’s cut' })
    .getByLabel('Visibility')
    .selectOption('unlisted');
  await page.getByRole('form', { name: 'Edit Director’s cut' }).getByRole('button', { name: 'Save' }).click();
  // Unlisted leaves the public lists, not mine.
  await row('Director’s cut').getByText('· Unlisted').waitFor();

  await page.goto(`/watch/${editedId}`);
  await page.getByRole('heading', { name: 'Director’s cut' }).waitFor();
  await page.getByText('Now with more test pattern.').waitFor();
  await page.getByText('· unlisted').waitFor();
  expect(owner.consoleErrors).toEqual([]);
});

it('deletes a video only after the confirmation', async () => {
  const { page } = owner;
  await page.goto('/studio');
  const deleteButton = row('Outtake').getByRole('button', { name: 'Delete' });
  await deleteButton.click();
  const dialog = page.getByRole('dialog', { name: 'Delete “Outtake”?' });
  await dialog.getByRole('button', { name: 'Keep it' }).click();
  await dialog.waitFor({ state: 'hidden' });
  expect(await page.getByRole('link', { name: 'Outtake' }).count()).toBe(1);

  await deleteButton.click();
  await dialog.getByRole('button', { name: 'Delete for good' }).click();
  await page.getByRole('link', { name: 'Outtake' }).waitFor({ state: 'detached' });
  expect(await page.getByRole('link', { name: 'Director’s cut' }).count()).toBe(1);
  const answer = await fetch(`${baseUrl}/api/v1/videos/${deletedId}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(answer.status).toBe(404);
  expect(owner.consoleErrors).toEqual([]);
});

it('follows a video through processing until it is ready, without a reload', async () => {
  const { page } = owner;
  const clip = await makeClip('studio-long-clip.mp4', { seconds: 20 });
  await uploadClip(baseUrl, token, clip, { title: 'Still cooking', visibility: 'private' });
  await page.goto('/studio');
  await row('Still cooking').waitFor();
  expect(await stateOf('Still cooking')).toMatch(/^(Queued|Processing \d+%)$/);
  const loads: string[] = [];
  page.on('load', () => loads.push(page.url()));
  await expect.poll(() => stateOf('Still cooking'), { timeout: 120_000, interval: 500 }).toBe('Ready');
  expect(loads).toEqual([]);
  expect(owner.consoleErrors).toEqual([]);
});
