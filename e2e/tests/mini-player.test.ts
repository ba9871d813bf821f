// The mini-player: leaving the watch page of a playing video (through the header, to a channel) keeps the
// same <video> element playing in a corner, without a restart; its buttons pause and play, go back to the
// watch page at the same moment, and close it. The view is reported once across the move. A paused video
// stays behind, another video's page replaces it, and on a 390 px phone it sits inside the window, above
// the navigation bar.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type Person, PHONE } from '../support/browser.js';
import { makeClip } from '../support/clips.js';
import { screenshot, signUp, unlabelledControls } from '../support/in-the-browser.js';
import { newAccount } from '../support/people.js';
import { startWatching } from '../support/player.js';
import { publishClip, register } from '../support/through-the-api.js';

const baseUrl = inject('baseUrl');
const otherTitle = 'The other video';
let videoId: string;
let otherId: string;
let channelHandle: string;
let viewer: Person;

beforeAll(async () => {
  const creator = newAccount('Corner');
  channelHandle = creator.handle;
  const token = await register(baseUrl, creator);
  const clip = await makeClip('mini-player-clip.mp4', { seconds: 40 });
  videoId = await publishClip(baseUrl, token, clip, { title: 'Still playing', visibility: 'public' });
  const other = await makeClip('mini-player-other.mp4', { seconds: 4 });
  otherId = await publishClip(baseUrl, token, other, { title: otherTitle, visibility: 'public' });
  viewer = await openBrowser(baseUrl, { width: 1280, height: 800 });
  await signUp(viewer.page, newAccount('Wanderer'));
});
afterAll(() => viewer?.close());

const miniPlayer = (page: Page) => page.getByRole('complementary', { name: 'Mini player' });
const mainNavigation = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const position = (page: Page) =>
  page.locator('video').evaluate((element: HTMLVideoElement) => element.currentTime);
/** Waits until the one <video> of the page has played on past `seconds`. */
const playsPast = (page: Page, seconds: number) =>
  page.waitForFunction((from) => (document.querySelector('video')?.currentTime ?? 0) > from, seconds);

/**
 * Marks the page's <video> element and counts its `pause` events: the mark is still there only on the
 * same element, and a pause would show that moving it stopped it.
 */
function markVideo(page: Page) {
  return page.locator('video').evaluate((element: HTMLVideoElement) => {
    const marked = element as HTMLVideoElement & { markedOnWatchPage?: boolean; pauses?: number };
    marked.markedOnWatchPage = true;
    marked.pauses = 0;
    element.addEventListener('pause', () => {
      marked.pauses = (marked.pauses ?? 0) + 1;
    });
  });
}
const readMark = (page: Page) =>
  page
    .locator('video')
    .evaluate((element: HTMLVideoElement & { markedOnWatchPage?: boolean; pauses?: number }) => ({
      marked: element.markedOnWatchPage === true,
      pauses: element.pauses,
    }));

/** The POST requests the page sends to the view reporting routes of `id`. */
function recordViewReports(page: Page, id: string) {
  const sent = { tickets: 0, views: 0 };
  page.on('request', (request) => {
    if (request.method() !== 'POST') return;
    if (request.url().endsWith(`/videos/${id}/watch-tickets`)) sent.tickets++;
    if (request.url().endsWith(`/videos/${id}/views`)) sent.views++;
  });
  return sent;
}

it('keeps playing the same video in a corner on the home page, and brings it back at the same moment', async () => {
  const { page } = viewer;
  const reports = recordViewReports(page, videoId);
  await startWatching(page, videoId);
  await markVideo(page);
  const leftAt = await position(page);

  await page.getByRole('banner').getByRole('link', { name: 'VidStream home' }).click();
  await page.waitForURL(`${baseUrl}/`);
  const mini = miniPlayer(page);
  await mini.waitFor();
  expect(await page.locator('video').count()).toBe(1);
  // Playing on from where it was, not from the start: the same element, never paused by the move.
  await playsPast(page, leftAt + 1);
  expect(await readMark(page)).toEqual({ marked: true, pauses: 0 });
  expect(await mini.locator('video').count()).toBe(1);
  await screenshot(page, 'mini-player-home');

  await mini.getByRole('button', { name: 'Pause' }).click();
  await page.waitForFunction(() => document.querySelector('video')?.paused === true);
  const pausedAt = await position(page);
  await page.waitForTimeout(500);
  expect(await position(page)).toBe(pausedAt);
  // Paused, it stays in the corner until it is closed.
  await mini.getByRole('button', { name: 'Play', exact: true }).click();
  await playsPast(page, pausedAt + 0.5);

  const expandedAt = await position(page);
  await mini.getByRole('button', { name: 'Back to the watch page' }).click();
  await page.waitForURL(`${baseUrl}/watch/${videoId}`);
  await mini.waitFor({ state: 'detached' });
  // The full player again, with its own controls, playing the same element on from the same moment.
  const cell = page.locator('.watch-player');
  expect(await cell.locator('video').count()).toBe(1);
  await cell.getByRole('button', { name: 'Theatre mode' }).waitFor({ state: 'attached' });
  await playsPast(page, expandedAt + 0.5);
  expect(await readMark(page)).toEqual({ marked: true, pauses: 1 });

  // The view is reported once, on the one ticket the player took when it opened, across both moves.
  const viewSent = page.waitForRequest((request) => request.url().endsWith(`/videos/${videoId}/views`));
  await playsPast(page, 11);
  await viewSent;
  expect(reports).toEqual({ tickets: 1, views: 1 });
  expect(viewer.consoleErrors).toEqual([]);
});

it('is worked by the keyboard, with a visible focus, and closing it stops and removes the video', async () => {
  const { page } = viewer;
  await startWatching(page, videoId);
  await mainNavigation(page).getByRole('link', { name: 'History' }).click();
  const mini = miniPlayer(page);
  await mini.waitFor();
  expect(await unlabelledControls(page)).toEqual([]);

  await mini.getByRole('button', { name: 'Pause' }).focus();
  await page.keyboard.press('Tab');
  const expand = mini.getByRole('button', { name: 'Back to the watch page' });
  expect(await expand.evaluate((element) => element === document.activeElement)).toBe(true);
  const ring = await expand.evaluate((element) => ({
    focusVisible: element.matches(':focus-visible'),
    outline: getComputedStyle(element).outlineStyle,
  }));
  expect(ring).toEqual({ focusVisible: true, outline: 'solid' });
  await screenshot(page, 'mini-player-focus');

  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await mini.waitFor({ state: 'detached' });
  expect(await page.locator('video').count()).toBe(0);
  await page.getByRole('heading', { name: 'History', exact: true }).waitFor();
  // The pressed button is gone: the focus lands on the page, not at the top of the document.
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  expect(viewer.consoleErrors).toEqual([]);
});

it('takes the keyboard back to the player on its watch page', async () => {
  const { page } = viewer;
  await startWatching(page, videoId);
  await mainNavigation(page).getByRole('link', { name: 'History' }).click();
  const mini = miniPlayer(page);
  await mini.getByRole('button', { name: 'Back to the watch page' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(`${baseUrl}/watch/${videoId}`);
  await mini.waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.activeElement?.closest('.player-controls') !== null);
  expect(viewer.consoleErrors).toEqual([]);
});

it('leaves a paused video behind', async () => {
  const { page } = viewer;
  await startWatching(page, videoId);
  await page.keyboard.press('k');
  await page.waitForFunction(() => document.querySelector('video')?.paused === true);
  await page.getByRole('banner').getByRole('link', { name: 'VidStream home' }).click();
  await page.waitForURL(`${baseUrl}/`);
  await page.locator('.video-card').first().waitFor();
  expect(await miniPlayer(page).count()).toBe(0);
  expect(await page.locator('video').count()).toBe(0);
  expect(viewer.consoleErrors).toEqual([]);
});

it('follows the viewer to a channel, and gives way to the next video opened', async () => {
  const { page } = viewer;
  await startWatching(page, videoId);
  await markVideo(page);
  await page.locator('.channel-line').click();
  await page.waitForURL(`${baseUrl}/@${channelHandle}`);
  await miniPlayer(page).waitFor();

  await page.getByRole('link', { name: otherTitle }).click();
  await page.waitForURL(`${baseUrl}/watch/${otherId}`);
  await page.getByRole('button', { name: 'Play video' }).waitFor();
  expect(await miniPlayer(page).count()).toBe(0);
  // One player, a new element for the new video.
  expect(await page.locator('video').count()).toBe(1);
  expect(await readMark(page)).toEqual({ marked: false, pauses: undefined });
  expect(viewer.consoleErrors).toEqual([]);
});

it('sits inside a 390 px phone screen, above the navigation bar, and keeps playing', async () => {
  const phone = await openBrowser(baseUrl, PHONE);
  try {
    const { page } = phone;
    await startWatching(page, videoId);
    const leftAt = await position(page);
    await mainNavigation(page).getByRole('link', { name: 'Home' }).tap();
    const mini = miniPlayer(page);
    await mini.waitFor();
    await playsPast(page, leftAt + 1);
    const box = await mini.boundingBox();
    const navigation = await mainNavigation(page).boundingBox();
    if (!box || !navigation) throw new Error('the mini-player or the navigation is not on screen');
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(navigation.y);
    // Smaller than the screen: the page stays in view beside it.
    expect(box.width).toBeLessThan(PHONE.width * 0.75);
    await screenshot(page, 'mini-player-phone');

    await mini.getByRole('button', { name: 'Pause' }).tap();
    await page.waitForFunction(() => document.querySelector('video')?.paused === true);
    await mini.getByRole('button', { name: 'Close player' }).tap();
    await mini.waitFor({ state: 'detached' });
    expect(await page.locator('video').count()).toBe(0);
    expect(phone.consoleErrors).toEqual([]);
  } finally {
    await phone.close();
  }
});
