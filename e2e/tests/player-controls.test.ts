// The player's control bar on a desktop screen: it lies over the foot of the picture, every control has a
// name and a tooltip, each answers the pointer and the keyboard, the bar steps aside 2–3 s after the
// pointer stops while the video plays and comes back on pointer move and keyboard focus, and on a slow
// network the seek bar shows what has loaded and a spinner shows while the player waits for data.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type Person } from '../support/browser.js';
import { makeClip } from '../support/clips.js';
import { playbackPosition, screenshot, signUp } from '../support/in-the-browser.js';
import { emulateOn } from '../support/network-emulation.js';
import { newAccount } from '../support/people.js';
import { inside, playerLayout, startWatching, waitForControls } from '../support/player.js';
import { publishClip, register } from '../support/through-the-api.js';

const baseUrl = inject('baseUrl');
let videoId: string;
let viewer: Person;

beforeAll(async () => {
  const token = await register(baseUrl, newAccount('Controls'));
  const clip = await makeClip('controls-clip.mp4', { seconds: 30 });
  videoId = await publishClip(baseUrl, token, clip, { title: 'Controls under test', visibility: 'public' });
  viewer = await openBrowser(baseUrl, { width: 1280, height: 800 });
  await signUp(viewer.page, newAccount('Clicker'));
});
afterAll(() => viewer?.close());

const video = (page: Page) => page.locator('video');
const isPaused = (page: Page) => video(page).evaluate((element: HTMLVideoElement) => element.paused);
/** The player's own spinner (other parts of the page may say they are loading too). */
const spinner = (page: Page) => page.locator('.player').getByRole('status').filter({ hasText: 'Loading' });
const waitPaused = (page: Page, paused: boolean) =>
  page.waitForFunction((wanted) => document.querySelector('video')?.paused === wanted, paused);

it('lays a named control bar with tooltips over the foot of the picture', async () => {
  const { page } = viewer;
  await startWatching(page, videoId);
  await video(page).hover();
  await waitForControls(page, true);
  const layout = await playerLayout(page);
  expect(inside(layout.controls, layout.video)).toBe(true);
  const bottoms = layout.controls.y + layout.controls.height - (layout.video.y + layout.video.height);
  expect(Math.abs(bottoms)).toBeLessThanOrEqual(1);
  expect(layout.row.map((control) => control.name)).toEqual([
    'Pause',
    'Mute',
    'Volume',
    expect.stringMatching(/^0:\d\d \/ 0:30$/),
    'Settings',
    'Picture in picture',
    'Theatre mode',
    'Full screen',
  ]);
  // One row: every control's middle on one line.
  const middles = layout.row.map((control) => Math.round(control.y + control.height / 2));
  expect(Math.max(...middles) - Math.min(...middles)).toBeLessThanOrEqual(2);
  // Each button's icon is drawn by the icon set, and its tooltip says its name and its key.
  const buttons = page.locator('.player-toolbar button');
  const tooltips = await buttons.evaluateAll((elements) =>
    elements.map((element) => ({
      tooltip: element.getAttribute('data-tooltip'),
      icon: element.querySelector('svg.lucide') !== null,
    })),
  );
  expect(tooltips).toEqual([
    { tooltip: 'Pause (k)', icon: true },
    { tooltip: 'Mute (m)', icon: true },
    { tooltip: 'Settings', icon: true },
    { tooltip: 'Picture in picture', icon: true },
    { tooltip: 'Theatre mode (t)', icon: true },
    { tooltip: 'Full screen (f)', icon: true },
  ]);
  const mute = page.getByRole('button', { name: 'Mute' });
  await mute.hover();
  await page.waitForFunction(
    (element) => element !== null && getComputedStyle(element, '::after').opacity === '1',
    await mute.elementHandle(),
  );
  await screenshot(page, 'desktop-player-controls');
  expect(viewer.consoleErrors).toEqual([]);
});

it('answers the pointer and the keyboard on every control', async () => {
  const { page } = viewer;
  await startWatching(page, videoId);
  await video(page).hover();

  // Play and pause: a click, then Enter and Space on the focused button.
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await waitPaused(page, true);
  const play = page.getByRole('button', { name: 'Play', exact: true });
  await play.focus();
  await page.keyboard.press('Enter');
  await waitPaused(page, false);
  await page.keyboard.press('Space');
  await waitPaused(page, true);

  // The big button in the middle of the picture plays a paused video, by click and by keyboard.
  const centre = page.getByRole('button', { name: 'Play video' });
  await centre.click();
  await waitPaused(page, false);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await centre.focus();
  await page.keyboard.press('Enter');
  await waitPaused(page, false);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await waitPaused(page, true);

  // Sound: the mute button by click and by Enter, the volume slider by click and by arrow key.
  const muted = () => video(page).evaluate((element: HTMLVideoElement) => element.muted);
  await page.getByRole('button', { name: 'Mute' }).click();
  expect(await muted()).toBe(true);
  await page.getByRole('button', { name: 'Unmute' }).focus();
  await page.keyboard.press('Enter');
  expect(await muted()).toBe(false);
  const volume = page.getByRole('slider', { name: 'Volume' });
  const volumeBox = await volume.boundingBox();
  if (!volumeBox) throw new Error('the volume slider is not on screen');
  await page.mouse.click(volumeBox.x + 2, volumeBox.y + volumeBox.height / 2);
  const level = () => video(page).evaluate((element: HTMLVideoElement) => element.volume);
  const low = await level();
  expect(low).toBeLessThanOrEqual(0.1);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  expect(await level()).toBeCloseTo(low + 0.1, 5);

  // The seek bar: a click at its middle goes to the middle; Home goes back to the start.
  const seek = page.getByRole('slider', { name: 'Seek' });
  const seekBox = await seek.boundingBox();
  if (!seekBox) throw new Error('the seek bar is not on screen');
  await page.mouse.click(seekBox.x + seekBox.width / 2, seekBox.y + seekBox.height / 2);
  expect(await playbackPosition(page)).toBeGreaterThan(13);
  expect(await playbackPosition(page)).toBeLessThan(17);
  await page
    .locator('.player-time')
    .filter({ hasText: /^0:1[3-6] \/ 0:30$/ })
    .waitFor();
  await seek.focus();
  await page.keyboard.press('Home');
  expect(await playbackPosition(page)).toBe(0);
  await page.locator('.player-time').filter({ hasText: '0:00 / 0:30' }).waitFor();

  // Picture in picture from the keyboard (the pointer is in watching.test.ts).
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await waitPaused(page, false);
  const pip = page.getByRole('button', { name: 'Picture in picture' });
  await pip.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.pictureInPictureElement === document.querySelector('video'));
  await expect.poll(() => pip.getAttribute('aria-pressed')).toBe('true');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.pictureInPictureElement === null);

  // Full screen from the focused button (its click and the f key are in watching.test.ts).
  const full = page.getByRole('button', { name: 'Full screen' });
  await full.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.fullscreenElement?.classList.contains('player') === true);
  await page.getByRole('button', { name: 'Exit full screen' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.fullscreenElement === null);
  expect(await isPaused(page)).toBe(false);
  expect(viewer.consoleErrors).toEqual([]);
});

it('hides the controls 2–3 s after the pointer stops while playing, and shows them on move and focus', async () => {
  const { page } = viewer;
  await startWatching(page, videoId);
  // The page notes when the pointer last moved over the player and when the bar was told to go.
  await page.evaluate(() => {
    const player = document.querySelector('.player') as HTMLElement;
    const times = { moved: 0, hidden: 0 };
    (window as unknown as { times: typeof times }).times = times;
    player.addEventListener('pointermove', () => {
      times.moved = performance.now();
      times.hidden = 0;
    });
    new MutationObserver(() => {
      if (player.classList.contains('player-idle') && !times.hidden) times.hidden = performance.now();
    }).observe(player, { attributes: true, attributeFilter: ['class'] });
  });
  const box = await video(page).boundingBox();
  if (!box) throw new Error('the video is not on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 3);
  await page.mouse.move(box.x + box.width / 2 + 20, box.y + box.height / 3);
  await waitForControls(page, true);
  await waitForControls(page, false);
  const times = await page.evaluate(
    () => (window as unknown as { times: { moved: number; hidden: number } }).times,
  );
  const stillFor = times.hidden - times.moved;
  expect(stillFor).toBeGreaterThanOrEqual(2_000);
  // 2.5 s by the player's clock; the margin is for a busy machine's late timer.
  expect(stillFor).toBeLessThan(3_500);
  expect(await isPaused(page)).toBe(false);
  // The pointer hides with them, and a move brings both back.
  expect(await video(page).evaluate((element) => getComputedStyle(element).cursor)).toBe('none');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await waitForControls(page, true);

  // Focus from the keyboard brings them back too: Tab until a control of the player has it.
  await page.mouse.move(1, box.y + box.height + 40);
  await waitForControls(page, false);
  for (let presses = 0; presses < 60; presses++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.closest('.player-controls') !== null)) break;
  }
  expect(await page.evaluate(() => document.activeElement?.closest('.player-controls') !== null)).toBe(true);
  await waitForControls(page, true);
  expect(viewer.consoleErrors).toEqual([]);
});

it('shows what has loaded on the seek bar and a spinner while it waits for data on a slow network', async () => {
  // A fresh profile, since segments are cached for good; slow from its first request, so nothing of the
  // video is loaded before the click.
  const fresh = await openBrowser(baseUrl, { width: 1280, height: 800 });
  const { page } = fresh;
  try {
    await emulateOn(page, { downKbps: 800, rttMs: 300 });
    await page.goto(`/watch/${videoId}`);
    // The first segments take seconds to come: the player waits, and says so.
    await page.getByRole('button', { name: 'Play video' }).click({ timeout: 60_000 });
    await spinner(page).waitFor({ timeout: 30_000 });
    await screenshot(page, 'desktop-player-waiting');
    await page.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 0.5, undefined, {
      timeout: 60_000,
    });
    // Once it plays, the loaded stretch runs ahead of the position on the seek bar.
    await page.waitForFunction(
      () => {
        const bar = document.querySelector<HTMLInputElement>('input[aria-label="Seek"]');
        const played = Number.parseFloat(bar?.style.getPropertyValue('--played') ?? '');
        const buffered = Number.parseFloat(bar?.style.getPropertyValue('--buffered') ?? '');
        return buffered > played + 1;
      },
      undefined,
      { timeout: 60_000 },
    );
    await spinner(page).waitFor({ state: 'detached' });
    await video(page).hover();
    await screenshot(page, 'desktop-player-buffered');
    expect(fresh.consoleErrors).toEqual([]);
  } finally {
    await fresh.close();
  }
});
