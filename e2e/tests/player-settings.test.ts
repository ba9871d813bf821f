// What the player remembers on a device: the quality and speed chosen in the settings menu (the gear),
// whose Auto says which rung it plays, and theatre mode on a desktop screen, which widens the player
// without stopping it. Each is chosen, then checked again after a reload.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type Person } from '../support/browser.js';
import { makeClip } from '../support/clips.js';
import { playerSetting, screenshot } from '../support/in-the-browser.js';
import { newAccount } from '../support/people.js';
import { startWatching } from '../support/player.js';
import { publishClip, register } from '../support/through-the-api.js';

const baseUrl = inject('baseUrl');
let videoId: string;
let viewer: Person;

beforeAll(async () => {
  const token = await register(baseUrl, newAccount('Settings'));
  const clip = await makeClip('settings-clip.mp4', { seconds: 30 });
  videoId = await publishClip(baseUrl, token, clip, { title: 'Settings under test', visibility: 'public' });
  viewer = await openBrowser(baseUrl, { width: 1280, height: 800 });
});
afterAll(() => viewer?.close());

/** The height of the picture the video element shows, once it is `height`. */
const showsRung = (page: Page, height: number) =>
  page.waitForFunction((wanted) => document.querySelector('video')?.videoHeight === wanted, height, {
    timeout: 30_000,
  });
const selectedText = (select: Awaited<ReturnType<typeof playerSetting>>) =>
  select.evaluate((element: HTMLSelectElement) => element.selectedOptions[0]?.textContent);

it('switches quality and speed from the gear, Auto naming its rung, and keeps both on the device', async () => {
  const { page } = viewer;
  await startWatching(page, videoId);
  await page.locator('video').hover();
  const gear = page.getByRole('button', { name: 'Settings', exact: true });
  // The keyboard opens the menu too, and Escape closes it and gives the focus back to the gear.
  await gear.focus();
  await page.keyboard.press('Enter');
  const panel = page.getByRole('group', { name: 'Playback settings' });
  await panel.waitFor();
  expect(await gear.getAttribute('aria-expanded')).toBe('true');
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'detached' });
  expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Settings');

  const quality = await playerSetting(page, 'Quality');
  await expect.poll(() => selectedText(quality)).toMatch(/^Auto \((240|360)p\)$/);
  await quality.selectOption({ label: '240p' });
  await showsRung(page, 240);
  const speed = await playerSetting(page, 'Speed');
  await speed.selectOption({ label: '1.5×' });
  expect(await page.locator('video').evaluate((video: HTMLVideoElement) => video.playbackRate)).toBe(1.5);
  await screenshot(page, 'desktop-player-settings');
  // A click outside the menu closes it.
  await page.locator('.watch-title').click();
  await panel.waitFor({ state: 'detached' });

  // The next visit starts on both.
  await startWatching(page, videoId);
  expect(await page.locator('video').evaluate((video: HTMLVideoElement) => video.playbackRate)).toBe(1.5);
  await showsRung(page, 240);
  expect(await selectedText(await playerSetting(page, 'Quality'))).toBe('240p');
  expect(await selectedText(await playerSetting(page, 'Speed'))).toBe('1.5×');

  // Auto and normal speed are remembered the same way.
  await (await playerSetting(page, 'Quality')).selectOption({ index: 0 });
  await (await playerSetting(page, 'Speed')).selectOption({ label: 'Normal' });
  await startWatching(page, videoId);
  expect(await page.locator('video').evaluate((video: HTMLVideoElement) => video.playbackRate)).toBe(1);
  await expect.poll(async () => selectedText(await playerSetting(page, 'Quality'))).toMatch(/^Auto \(/);
  expect(viewer.consoleErrors).toEqual([]);
});

it('widens the player in theatre mode without stopping it, and keeps the mode on the device', async () => {
  const { page } = viewer;
  await startWatching(page, videoId);
  const width = () => page.locator('video').evaluate((video) => video.getBoundingClientRect().width);
  const narrow = await width();
  // A mark on this video element: the same element after the switch means playback went on.
  await page.locator('video').evaluate((video) => {
    video.dataset.mark = 'before';
  });
  await page.locator('video').hover();
  const theatre = page.getByRole('button', { name: 'Theatre mode' });
  expect(await theatre.getAttribute('aria-pressed')).toBe('false');
  await theatre.click();
  await page.locator('.watch-theatre').waitFor();
  expect(await theatre.getAttribute('aria-pressed')).toBe('true');
  const wide = await width();
  expect(wide).toBeGreaterThan(narrow + 200);
  const playing = await page.locator('video').evaluate((video: HTMLVideoElement) => ({
    mark: video.dataset.mark,
    paused: video.paused,
  }));
  expect(playing).toEqual({ mark: 'before', paused: false });
  await screenshot(page, 'desktop-theatre');

  // Remembered: a fresh load is in theatre mode; the t key leaves it, and that is remembered too.
  await startWatching(page, videoId);
  await page.locator('.watch-theatre').waitFor();
  expect(await width()).toBeCloseTo(wide, 0);
  await page.keyboard.press('t');
  await page.locator('.watch-theatre').waitFor({ state: 'detached' });
  expect(await width()).toBeCloseTo(narrow, 0);
  await startWatching(page, videoId);
  expect(await page.locator('.watch-theatre').count()).toBe(0);
  expect(await width()).toBeCloseTo(narrow, 0);
  expect(viewer.consoleErrors).toEqual([]);
});
