// Settings: the channel's name, description and picture, and signing out on every device.
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type Person } from '../support/browser.js';
import { makePicture } from '../support/clips.js';
import { screenshot, signUp } from '../support/in-the-browser.js';
import { type Account, newAccount } from '../support/people.js';

const baseUrl = inject('baseUrl');
let person: Person;
let account: Account;

beforeAll(async () => {
  person = await openBrowser(baseUrl);
  account = newAccount('Settler');
  await signUp(person.page, account);
});
afterAll(() => person?.close());

it('changes the channel’s name and description, shown on the channel page', async () => {
  const { page } = person;
  await page.getByLabel(`Account menu for ${account.displayName}`).click();
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByLabel('Display name').fill('The Settler Channel');
  await page.getByLabel('Channel description').fill('Test patterns, daily.');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await page.getByText('Saved.').waitFor();

  await page.goto(`/@${account.handle}`);
  await page.getByRole('heading', { name: 'The Settler Channel' }).waitFor();
  await page.getByText('Test patterns, daily.').waitFor();
  expect(person.consoleErrors).toEqual([]);
});

it('replaces the avatar, which then shows in the header', async () => {
  const { page } = person;
  await page.goto('/settings');
  await page.getByLabel(/New picture/).setInputFiles(await makePicture('avatar.png'));
  const headerAvatar = page.locator('.account-menu img.avatar');
  await headerAvatar.waitFor();
  expect(await headerAvatar.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(
    256,
  );
  await screenshot(page, 'desktop-settings');
  expect(person.consoleErrors).toEqual([]);
});

it('signs out everywhere: here, after a reload, and on another device at its next request', async () => {
  const other = await openBrowser(baseUrl);
  try {
    await other.page.goto('/signin?next=/notifications');
    await other.page.getByLabel('Email').fill(account.email);
    await other.page.getByLabel('Password').fill(account.password);
    await other.page.getByRole('button', { name: 'Sign in' }).click();
    await other.page.getByRole('heading', { name: 'Notifications' }).waitFor();

    const { page } = person;
    await page.goto('/settings');
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    await page.reload();
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    await page.goto('/settings');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(person.consoleErrors).toEqual([]);

    // The other device learns it at its next request: opening its history (no reload) finds it signed out.
    await other.page.getByRole('link', { name: 'History' }).first().click();
    await other.page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await other.page.getByRole('link', { name: 'Sign in' }).waitFor();
    const unexpected = other.consoleErrors.filter((problem) => !/401/.test(problem.text));
    expect(unexpected).toEqual([]);
  } finally {
    await other.close();
  }
});
