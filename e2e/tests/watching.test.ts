// Watching as a signed-in viewer: the view is reported, the position lands in the history, the next
// visit resumes there, the keyboard drives the player, and the picture floats (picture-in-picture) or
// fills the screen.
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { artifactPath } from '../support/artifacts.js';
import { openBrowser, type Person } from '../support/browser.js';
import { makeClip } from '../support/clips.js';
import { playbackPosition, screenshot, signUp } from '../support/in-the-browser.js';
import { newAccount } from '../support/people.js';
import { startWatching } from '../support/player.js';
import { publishClip, register } from '../support/through-the-api.js';

const baseUrl = inject('baseUrl');
const title = 'Half a minute of test pattern';
let videoId: string;
let viewer: Person;

beforeAll(async () => {
  const token = await register(baseUrl, newAccount('Creator'));
  const clip = await makeClip('watching-clip.mp4', { seconds: 30 });
  videoId = await publishClip(baseUrl, token, clip, { title, visibility: 'public' });
  viewer = await openBrowser(baseUrl);
  await signUp(viewer.page, newAccount('Watcher'));
});
afterAll(() => viewer?.close());

it('reports a view after ten seconds, records where I stopped, and resumes there next time', async () => {
  const { page } = viewer;
  await page.goto(`/watch/${videoId}`);
  const viewCounted = page.waitForResponse((response) => response.url().endsWith(`/videos/${videoId}/views`));
  await page.getByRole('button', { name: 'Play video' }).click();
  const view = await viewCounted;
  // Counted on the ticket the page took when it opened (a report without one counts nothing).
  expect(view.request().postDataJSON()).toMatchObject({ ticket: expect.any(String) });
  expect(await view.json()).toEqual({ counted: true });
  expect(await playbackPosition(page)).toBeGreaterThanOrEqual(10);

  const positionSaved = page.waitForResponse((response) =>
    response.url().endsWith(`/videos/${videoId}/progress`),
  );
  await page.keyboard.press('k');
  expect((await positionSaved).status()).toBe(204);
  const stoppedAt = await playbackPosition(page);

  await page.getByRole('link', { name: 'History' }).first().click();
  await page.getByRole('link', { name: title }).waitFor();
  await page.getByText(`Stopped at 0:${String(Math.floor(stoppedAt)).padStart(2, '0')}`).waitFor();

  // A fresh load, so the position comes from the server rather than from this page's memory.
  await page.goto(`/watch/${videoId}`);
  await page.getByRole('button', { name: 'Play video' }).click();
  // Within 6 s of pressing Play it is near where it stopped (about 10 s): from 0:00 it could not be.
  await page.waitForFunction(
    (from) => (document.querySelector('video')?.currentTime ?? 0) >= from,
    Math.floor(stoppedAt) - 1,
    { timeout: 6_000 },
  );
  expect(viewer.consoleErrors).toEqual([]);
});

it('answers the keyboard: k or space plays and pauses, j/l seek 10 s, ←/→ 5 s, ↑/↓ set the volume, m mutes', async () => {
  const { page } = viewer;
  await page.goto(`/watch/${videoId}`);
  await page.getByRole('button', { name: 'Play video' }).click();
  await page.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 0.5);
  await page.locator('body').click({ position: { x: 5, y: 300 } });

  await page.keyboard.press('k');
  expect(await page.locator('video').evaluate((video: HTMLVideoElement) => video.paused)).toBe(true);
  const before = await playbackPosition(page);
  await page.keyboard.press('j');
  expect(await playbackPosition(page)).toBeCloseTo(Math.max(0, before - 10), 1);
  await page.keyboard.press('l');
  const forward = Math.max(0, before - 10) + 10;
  expect(await playbackPosition(page)).toBeCloseTo(forward, 1);
  await page.keyboard.press('ArrowLeft');
  expect(await playbackPosition(page)).toBeCloseTo(forward - 5, 1);
  await page.keyboard.press('ArrowRight');
  expect(await playbackPosition(page)).toBeCloseTo(forward, 1);

  const volume = () => page.locator('video').evaluate((video: HTMLVideoElement) => video.volume);
  const loud = await volume();
  await page.keyboard.press('ArrowDown');
  expect(await volume()).toBeCloseTo(loud - 0.1, 5);
  await page.keyboard.press('ArrowUp');
  expect(await volume()).toBeCloseTo(loud, 5);
  await page.keyboard.press('m');
  expect(await page.locator('video').evaluate((video: HTMLVideoElement) => video.muted)).toBe(true);

  await page.keyboard.press('k');
  await page.waitForFunction(() => document.querySelector('video')?.paused === false);
  await page.keyboard.press(' ');
  await page.waitForFunction(() => document.querySelector('video')?.paused === true);
  await page.keyboard.press(' ');
  await page.waitForFunction(() => document.querySelector('video')?.paused === false);
  expect(viewer.consoleErrors).toEqual([]);
});

it('says plainly when the stream cannot be loaded, and plays after “Try again”', async () => {
  const { page } = viewer;
  await page.route('**/master.m3u8', (route) => route.abort('connectionrefused'));
  await page.goto(`/watch/${videoId}`);
  const alert = page.getByRole('alert').filter({ hasText: 'The video could not be loaded' });
  await alert.waitFor({ timeout: 30_000 });
  await screenshot(page, 'desktop-playback-failed');

  await page.unrouteAll();
  await alert.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('button', { name: 'Play video' }).click();
  await page.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 0.5);
  // The refused playlist loads are the only errors: the page explained them.
  const unexpected = viewer
    .takeConsoleErrors()
    .filter((problem) => !problem.sourceUrl.endsWith('/master.m3u8'));
  expect(unexpected).toEqual([]);
});

it('previews the moment under the pointer on the seek bar with a storyboard thumbnail', async () => {
  const { page } = viewer;
  await page.goto(`/watch/${videoId}`);
  await page.getByRole('button', { name: 'Play video' }).waitFor();
  const seekBar = page.getByRole('slider', { name: 'Seek' });
  await page.waitForFunction(() => (document.querySelector('video')?.duration ?? 0) > 0);
  const sheetLoaded = page.waitForResponse((response) => /storyboard-\d+\.jpg$/.test(response.url()));
  const box = await seekBar.boundingBox();
  if (!box) throw new Error('the seek bar is not on screen');
  await page.mouse.move(box.x + box.width * 0.55, box.y + box.height / 2);
  const thumbnail = page.locator('.seek-thumbnail');
  await thumbnail.waitFor();
  expect((await sheetLoaded).ok()).toBe(true);
  expect(await page.locator('.seek-time').textContent()).toBe('0:16');
  // 55% of 30 s is 16.5 s: at one tile every 2 s, tile 8 of the first row (tiles are 160 px wide).
  expect(await thumbnail.evaluate((element) => getComputedStyle(element).backgroundPosition)).toBe(
    '-1280px 0px',
  );
  await screenshot(page, 'desktop-seek-preview');
  expect(viewer.consoleErrors).toEqual([]);
});

it('floats the video in a picture-in-picture window and brings it back', async () => {
  const { page } = viewer;
  await startWatching(page, videoId);
  const button = page.getByRole('button', { name: 'Picture in picture' });
  expect(await button.getAttribute('aria-pressed')).toBe('false');
  await button.click();
  await page.waitForFunction(() => document.pictureInPictureElement === document.querySelector('video'));
  expect(await button.getAttribute('aria-pressed')).toBe('true');
  expect(await page.locator('video').evaluate((video: HTMLVideoElement) => video.paused)).toBe(false);
  await button.click();
  await page.waitForFunction(() => document.pictureInPictureElement === null);
  expect(await button.getAttribute('aria-pressed')).toBe('false');
  expect(viewer.consoleErrors).toEqual([]);
});

it('fills the screen with the player from its button and from the f key', async () => {
  const { page } = viewer;
  await startWatching(page, videoId);
  const player = () =>
    page.evaluate(() => {
      const element = document.fullscreenElement;
      return element
        ? { player: element.classList.contains('player'), hasVideo: !!element.querySelector('video') }
        : null;
    });
  await page.getByRole('button', { name: 'Full screen' }).click();
  await page.waitForFunction(() => document.fullscreenElement !== null);
  // The whole player, so our controls and menus stay on screen with the picture.
  expect(await player()).toEqual({ player: true, hasVideo: true });
  const exit = page.getByRole('button', { name: 'Exit full screen' });
  // Every control stays on the screen with the picture.
  const box = await exit.boundingBox();
  const viewport = page.viewportSize();
  expect(
    box && viewport && box.y + box.height <= viewport.height && box.x + box.width <= viewport.width,
  ).toBe(true);
  // What the screen shows (a full-page capture would draw the page under the full-screen player).
  await page.screenshot({ path: artifactPath('desktop-fullscreen.png') });

  await page.keyboard.press('f');
  await page.waitForFunction(() => document.fullscreenElement === null);
  await page.getByRole('button', { name: 'Full screen' }).waitFor();
  await page.keyboard.press('f');
  await page.waitForFunction(() => document.fullscreenElement !== null);
  expect(await player()).toEqual({ player: true, hasVideo: true });
  await page.keyboard.press('f');
  await page.waitForFunction(() => document.fullscreenElement === null);
  expect(viewer.consoleErrors).toEqual([]);
});
