// Every page fits the width, on a 390×844 phone as on a 1920 px screen, home and watch pages from 360 px
// (no sideways scrolling), in light and dark, with a name for every control; screenshots are kept as
// artifacts. The suite fails on these assertions, not on pixels.

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type Person, PHONE } from '../support/browser.js';
import { makeClip } from '../support/clips.js';
import {
  horizontalOverflow,
  playerSetting,
  screenshot,
  signUp,
  unlabelledControls,
} from '../support/in-the-browser.js';
import { newAccount } from '../support/people.js';
import { publishClip, register } from '../support/through-the-api.js';

const baseUrl = inject('baseUrl');
let videoId: string;
let channelHandle: string;
let phone: Person;

beforeAll(async () => {
  const creator = newAccount('Phone');
  channelHandle = creator.handle;
  const token = await register(baseUrl, creator);
  const clip = await makeClip('phone-clip.mp4', { seconds: 4 });
  const title = 'A rather long title for a small screen, to see that it wraps instead of overflowing';
  videoId = await publishClip(baseUrl, token, clip, { title, visibility: 'public' });
  phone = await openBrowser(baseUrl, PHONE);
});
afterAll(() => phone?.close());

it('shows the home page without sideways scrolling', async () => {
  await phone.page.goto('/');
  await phone.page.locator('.video-card img').first().waitFor();
  await screenshot(phone.page, 'phone-home');
  expect(await horizontalOverflow(phone.page)).toBeLessThanOrEqual(0);
  expect(phone.consoleErrors).toEqual([]);
});

it('shows the watch page without sideways scrolling and with every control named', async () => {
  await phone.page.goto(`/watch/${videoId}`);
  await phone.page.getByRole('button', { name: 'Play video' }).waitFor();
  await (await playerSetting(phone.page, 'Quality')).waitFor();
  await screenshot(phone.page, 'phone-watch');
  expect(await horizontalOverflow(phone.page)).toBeLessThanOrEqual(0);
  expect(await unlabelledControls(phone.page)).toEqual([]);
  expect(phone.consoleErrors).toEqual([]);
});

it('shows every signed-in page without sideways scrolling and with every control named', async () => {
  await phone.page.goto(`/@${channelHandle}`);
  await phone.page
    .getByRole('navigation', { name: 'Channel' })
    .getByRole('link', { name: 'Videos' })
    .waitFor();
  await screenshot(phone.page, 'phone-channel');
  expect(await horizontalOverflow(phone.page)).toBeLessThanOrEqual(0);

  await signUp(phone.page, newAccount('Small'));
  const pages = [
    ['/upload', 'Upload a video'],
    ['/search?q=rather+long', 'Results for “rather long”'],
    ['/subscriptions', 'Subscriptions'],
    ['/history', 'History'],
    ['/playlists', 'Playlists'],
    ['/notifications', 'Notifications'],
    ['/studio', 'Your videos'],
    ['/settings', 'Settings'],
  ];
  for (const [path = '', heading] of pages) {
    await phone.page.goto(path);
    await phone.page.getByRole('heading', { name: heading, exact: true }).waitFor();
    await screenshot(phone.page, `phone-${path.slice(1).split('?')[0]}`);
    expect(await horizontalOverflow(phone.page), path).toBeLessThanOrEqual(0);
    expect(await unlabelledControls(phone.page), path).toEqual([]);
  }
  expect(phone.consoleErrors).toEqual([]);
});

it('follows a dark system theme', async () => {
  await phone.page.emulateMedia({ colorScheme: 'dark' });
  await phone.page.goto(`/watch/${videoId}`);
  await phone.page.getByRole('button', { name: 'Play video' }).waitFor();
  await screenshot(phone.page, 'phone-watch-dark');
  const background = await phone.page.evaluate(
    () => getComputedStyle(document.documentElement).backgroundColor,
  );
  expect(background).toBe('rgb(15, 15, 16)');
  expect(await horizontalOverflow(phone.page)).toBeLessThanOrEqual(0);
  expect(phone.consoleErrors).toEqual([]);
});

it.each([
  { width: 360, height: 740, name: 'narrow' },
  { width: 1920, height: 1080, name: 'wide' },
])('uses a $width px screen without sideways scrolling', async ({ width, height, name }) => {
  const screen = await openBrowser(baseUrl, { width, height });
  const check = async (page: Page, path: string, shot: string) => {
    await page.goto(path);
    await page.locator('.video-card img, video').first().waitFor();
    await screenshot(page, shot);
    expect(await horizontalOverflow(page), path).toBeLessThanOrEqual(0);
  };
  try {
    await check(screen.page, '/', `${name}-home`);
    await check(screen.page, `/watch/${videoId}`, `${name}-watch`);
    expect(screen.consoleErrors).toEqual([]);
  } finally {
    await screen.close();
  }
});
