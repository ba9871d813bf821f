// Instance settings: the administrator (this app's first account) makes sign-ups need approval and lets a
// newcomer in; then renames the instance and closes sign-ups, and a visitor sees the new name on the home
// page, in the header and the tab, and the closed notice on the sign-up page. The administration pages are
// unknown to visitors.
//
// This file has an app of its own, so that its first account is the administrator and closing sign-ups
// touches no other file's people.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../support/app-server.js';
import { openBrowser, type Person } from '../support/browser.js';
import { screenshot, signUp } from '../support/in-the-browser.js';
import { type Account, newAccount } from '../support/people.js';

let starting: Promise<RunningApp> | undefined;
let app: RunningApp;
let administrator: Person;
const people: Person[] = [];

beforeAll(async () => {
  starting = startApp({ logName: 'app-instance-settings.log' });
  app = await starting;
  administrator = await openBrowser(app.baseUrl);
  people.push(administrator);
  await signUp(administrator.page, newAccount('Founder'));
}, 120_000);
afterAll(async () => {
  for (const person of people) await person.close();
  await (await starting?.catch(() => undefined))?.stop();
});

async function visitor(): Promise<Person> {
  const person = await openBrowser(app.baseUrl);
  people.push(person);
  return person;
}

it('shows administration pages to the administrator only', async () => {
  const { page } = await visitor();
  for (const path of ['/admin/settings', '/admin/jobs']) {
    await page.goto(path);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  }
  await administrator.page.goto('/admin/jobs');
  await administrator.page.getByRole('heading', { name: 'Jobs', level: 2 }).waitFor();
  await administrator.page.getByRole('rowheader', { name: 'transcode-video' }).waitFor();
  await administrator.page.getByText('No job has failed.').waitFor();
  await screenshot(administrator.page, 'desktop-admin-jobs');
  expect(administrator.consoleErrors).toEqual([]);
});

async function signIn(person: Person, account: Account): Promise<void> {
  await person.page.goto('/signin');
  await person.page.getByLabel('Email').fill(account.email);
  await person.page.getByLabel('Password').fill(account.password);
  await person.page.getByRole('button', { name: 'Sign in' }).click();
}

it('lets a newcomer in once the administrator approves their account', async () => {
  const { page } = administrator;
  await page.goto('/admin/settings');
  await page.getByLabel(/^Approval/).check();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText('Saved.').waitFor();

  const newcomer = await visitor();
  const account = newAccount('Newcomer');
  await newcomer.page.goto('/signup');
  await newcomer.page.getByText('New accounts on this instance await approval').waitFor();
  await newcomer.page.getByLabel('Email').fill(account.email);
  await newcomer.page.getByLabel('Password').fill(account.password);
  await newcomer.page.getByLabel('Handle').fill(account.handle);
  await newcomer.page.getByLabel('Display name').fill(account.displayName);
  await newcomer.page.getByRole('button', { name: 'Create account' }).click();
  await newcomer.page.getByRole('heading', { name: 'Account awaiting approval' }).waitFor();
  await signIn(newcomer, account);
  await newcomer.page.getByRole('alert').getByText('awaits approval').waitFor();
  // The refused sign-in is the only failed request.
  for (const problem of newcomer.takeConsoleErrors())
    expect(problem.sourceUrl).toMatch(/\/api\/v1\/auth\/login$/);

  await page.reload();
  const waiting = page.getByRole('listitem').filter({ hasText: `@${account.handle}` });
  await waiting.getByRole('button', { name: 'Approve' }).click();
  await page.getByText('No account awaits approval.').waitFor();

  await signIn(newcomer, account);
  await newcomer.page.getByLabel(`Account menu for ${account.displayName}`).waitFor();
  expect(newcomer.consoleErrors).toEqual([]);
});

it('renames the instance and closes sign-ups; a visitor sees both', async () => {
  const { page } = administrator;
  await page.goto('/admin/settings');
  await page.getByLabel(/^Name/).fill('Hill Films');
  await page.getByLabel('Description').fill('Films of the hills, by the people who walk them.');
  await page.getByLabel(/^Closed/).check();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText('Saved.').waitFor();
  await page.getByRole('banner').getByRole('link', { name: 'Hill Films home' }).waitFor();
  await screenshot(page, 'desktop-admin-settings');

  const guest = await visitor();
  await guest.page.goto('/');
  await guest.page.getByRole('heading', { name: 'Hill Films', level: 1 }).waitFor();
  await guest.page.getByText('Films of the hills, by the people who walk them.').waitFor();
  await guest.page.getByRole('banner').getByRole('link', { name: 'Hill Films home' }).waitFor();
  expect(await guest.page.title()).toBe('Hill Films');

  await guest.page.goto('/signup');
  await guest.page.getByText('Sign-ups are closed on this instance').waitFor();
  expect(await guest.page.getByRole('button', { name: 'Create account' }).count()).toBe(0);
  await screenshot(guest.page, 'desktop-sign-ups-closed');
  expect(guest.consoleErrors).toEqual([]);
  expect(administrator.consoleErrors).toEqual([]);
});
