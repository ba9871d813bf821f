// Up next on the watch page: what people who watched a video also watched comes first, beside the player
// on a desktop and under the video's details on a phone; when the video ends, a countdown of five seconds
// opens that video and it plays, unless the viewer cancels or turned autoplay off.
//
// This file has an app of its own, folding co-watching every minute: it waits in the app's log for a fold
// of the history it made, and asks for up next only then, so no earlier answer is cached.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../support/app-server.js';
import { openBrowser, type Person, PHONE, type Screen } from '../support/browser.js';
import { makeClip } from '../support/clips.js';
import { screenshot } from '../support/in-the-browser.js';
import { newAccount } from '../support/people.js';
import { publishClip, register, reportPosition } from '../support/through-the-api.js';

const DESKTOP_1280: Screen = { width: 1280, height: 800 };

let starting: Promise<RunningApp> | undefined;
let app: RunningApp;
const people: Person[] = [];
/** The video watched, and the one its viewers also watched. */
let watched: string;
let coWatched: string;

/** Whether the app's log shows a fold of co-watching that started after `since` (ms since the epoch). */
async function foldedSince(since: number): Promise<boolean> {
  const log = await readFile(app.logFile, 'utf8');
  return log.split('\n').some((line) => {
    if (!line.includes('"fold-co-watching"') || !line.includes('"job done"')) return false;
    const { time, ms } = JSON.parse(line) as { time: number; ms: number };
    return time - ms > since;
  });
}

beforeAll(async () => {
  starting = startApp({ env: { CO_WATCH_FOLD_MINUTES: '1' }, logName: 'app-up-next.log' });
  const clip = await makeClip('up-next-clip.mp4', { seconds: 4 });
  app = await starting;
  const [baker, musician] = await Promise.all([
    register(app.baseUrl, newAccount('Baker')),
    register(app.baseUrl, newAccount('Musician')),
  ]);
  watched = await publishClip(app.baseUrl, baker, clip, { title: 'Bread basics', visibility: 'public' });
  coWatched = await publishClip(app.baseUrl, musician, clip, { title: 'Guitar one', visibility: 'public' });
  // Newer and of the same channel: it would lead up next if co-watching counted for nothing.
  await publishClip(app.baseUrl, baker, clip, { title: 'Knife care', visibility: 'public' });

  for (const name of ['First', 'Second']) {
    const token = await register(app.baseUrl, newAccount(name));
    for (const videoId of [watched, coWatched]) await reportPosition(app.baseUrl, token, videoId, 3);
  }
  const seeded = Date.now();
  const deadline = seeded + 150_000;
  while (!(await foldedSince(seeded))) {
    if (Date.now() > deadline) throw new Error('the co-watch job did not run within 150 s');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}, 240_000);
afterAll(async () => {
  for (const person of people) await person.close();
  await (await starting?.catch(() => undefined))?.stop();
});

async function open(screen: Screen): Promise<Person> {
  const person = await openBrowser(app.baseUrl, screen);
  people.push(person);
  return person;
}

const upNext = (page: Page) => page.getByRole('complementary', { name: 'Up next' });

/** The titles up next lists, in order, once it has loaded. */
async function upNextTitles(page: Page): Promise<string[]> {
  const items = upNext(page).getByRole('listitem');
  await items.first().waitFor();
  return items.locator('.up-next-title').allTextContents();
}

/** Plays the video from its Play button and lets it run to its end from half a second before. */
async function playToTheEnd(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Play video' }).click();
  await page.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 0.3);
  await page.locator('video').evaluate((video: HTMLVideoElement) => {
    video.currentTime = video.duration - 0.5;
  });
}

it('lists the co-watched video first, beside the player at 1280 px, then plays it after the countdown', async () => {
  const { page, consoleErrors } = await open(DESKTOP_1280);
  await page.goto(`/watch/${watched}`);
  expect(await upNextTitles(page)).toEqual(['Guitar one', 'Knife care']);
  const player = await page.locator('.watch-player').boundingBox();
  const aside = await upNext(page).boundingBox();
  expect(aside && player && aside.x >= player.x + player.width).toBe(true);
  expect(await page.getByRole('switch', { name: 'Autoplay' }).getAttribute('aria-checked')).toBe('true');

  await playToTheEnd(page);
  const countdown = page.getByRole('timer');
  await countdown.filter({ hasText: 'Up next in 5' }).waitFor();
  const shownAt = Date.now();
  await screenshot(page, 'up-next-countdown');
  await expect.poll(() => countdown.textContent(), { timeout: 3_000 }).toBe('Up next in 4');
  await page.waitForURL(`**/watch/${coWatched}`, { timeout: 10_000 });
  expect(Date.now() - shownAt).toBeGreaterThanOrEqual(4_000);
  await page.getByRole('heading', { name: 'Guitar one', level: 1 }).waitFor();
  // The next video plays by itself, with nobody pressing Play.
  await page.waitForFunction(() => {
    const video = document.querySelector('video');
    return video !== null && !video.paused && video.currentTime > 0.5;
  });
  await screenshot(page, 'up-next-autoplayed');
  expect(consoleErrors).toEqual([]);
});

it('lists it first under the details on a phone, where Cancel stops the countdown and the switch is kept', async () => {
  const { page, consoleErrors } = await open(PHONE);
  await page.goto(`/watch/${watched}`);
  expect((await upNextTitles(page))[0]).toBe('Guitar one');
  const details = await page.locator('.description').boundingBox();
  const aside = await upNext(page).boundingBox();
  expect(aside && details && aside.y >= details.y + details.height).toBe(true);
  await screenshot(page, 'up-next-phone');

  await playToTheEnd(page);
  await page.getByRole('timer').waitFor();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.waitForTimeout(6_000);
  expect(page.url()).toContain(`/watch/${watched}`);
  expect(await page.getByRole('timer').count()).toBe(0);

  // Off, it stays off on this device, and a video's end then opens nothing.
  await page.getByRole('switch', { name: 'Autoplay' }).click();
  await page.reload();
  const autoplaySwitch = page.getByRole('switch', { name: 'Autoplay' });
  expect(await autoplaySwitch.getAttribute('aria-checked')).toBe('false');
  await playToTheEnd(page);
  await page.waitForFunction(() => document.querySelector('video')?.ended === true);
  await page.waitForTimeout(1_500);
  expect(await page.getByRole('timer').count()).toBe(0);
  expect(consoleErrors).toEqual([]);
});
