// The player on a phone (390 and 360 px, touch through CDP touch events): its controls are one compact row
// over the picture; a tap shows or hides them; two quick taps on the left or right third seek 10 s back or
// forward (each further tap 10 s more) with a ripple on that side; the storyboard preview follows a finger
// sliding along the seek bar.
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type Person, PHONE } from '../support/browser.js';
import { makeClip } from '../support/clips.js';
import { playbackPosition, screenshot } from '../support/in-the-browser.js';
import { newAccount } from '../support/people.js';
import {
  inside,
  playerLayout,
  recordRipples,
  startWatching,
  tap,
  waitForControls,
} from '../support/player.js';
import { publishClip, register } from '../support/through-the-api.js';

const baseUrl = inject('baseUrl');
let videoId: string;
let phone: Person;
let touch: CDPSession;

beforeAll(async () => {
  const token = await register(baseUrl, newAccount('Pocket'));
  const clip = await makeClip('phone-player-clip.mp4', { seconds: 40 });
  videoId = await publishClip(baseUrl, token, clip, { title: 'Thumbs on glass', visibility: 'public' });
  phone = await openBrowser(baseUrl, PHONE);
  touch = await phone.context.newCDPSession(phone.page);
});
afterAll(() => phone?.close());

/** A point of the picture, as fractions of its width and height. */
async function pointOnPicture(page: Page, across: number, down: number) {
  const box = await page.locator('video').boundingBox();
  if (!box) throw new Error('the video is not on screen');
  return { x: Math.round(box.x + box.width * across), y: Math.round(box.y + box.height * down) };
}

/** Waits until the paused video stands at `seconds`. */
const positionIs = (page: Page, seconds: number) =>
  page.waitForFunction(
    (wanted) => Math.abs((document.querySelector('video')?.currentTime ?? -1) - wanted) < 0.05,
    seconds,
  );

/** Pauses from the centre button, which a tap shows over the picture of a playing video. */
async function pauseByTouch(page: Page) {
  await waitForControls(page, false);
  const centre = await pointOnPicture(page, 0.5, 0.45);
  await tap(touch, centre.x, centre.y);
  const pause = page.getByRole('button', { name: 'Pause video' });
  await pause.waitFor();
  await pause.tap();
  await page.waitForFunction(() => document.querySelector('video')?.paused === true);
}

it.each([
  { width: 390, height: 844 },
  { width: 360, height: 740 },
])('lays the controls in one row over the picture at $width px', async ({ width, height }) => {
  const screen = width === PHONE.width ? phone : await openBrowser(baseUrl, { width, height, touch: true });
  const { page } = screen;
  try {
    await startWatching(page, videoId);
    // A tap shows them over the playing picture: what the viewer sees, kept as an artifact.
    await waitForControls(page, false);
    const middle = await pointOnPicture(page, 0.5, 0.3);
    const cdp = screen === phone ? touch : await screen.context.newCDPSession(page);
    await tap(cdp, middle.x, middle.y);
    await waitForControls(page, true);
    await screenshot(page, `phone-${width}-player-playing`);
    const layout = await playerLayout(page);
    expect(inside(layout.controls, layout.video)).toBe(true);
    expect(layout.row.map((control) => control.name)).toEqual([
      'Pause',
      'Mute',
      expect.stringMatching(/^0:\d\d \/ 0:40$/),
      'Settings',
      'Full screen',
    ]);
    const middles = layout.row.map((control) => Math.round(control.y + control.height / 2));
    expect(Math.max(...middles) - Math.min(...middles)).toBeLessThanOrEqual(2);
    for (const control of layout.row) expect(inside(control, layout.video), control.name).toBe(true);
    // The time on one line: no taller than the buttons beside it.
    const time = layout.row[2];
    expect(time?.height).toBeLessThanOrEqual(layout.row[0]?.height ?? 0);
    expect(screen.consoleErrors).toEqual([]);
  } finally {
    if (screen !== phone) await screen.close();
  }
});

it('shows and hides the controls with a tap on the picture', async () => {
  const { page } = phone;
  await startWatching(page, videoId);
  await waitForControls(page, false);
  const middle = await pointOnPicture(page, 0.5, 0.3);
  await tap(touch, middle.x, middle.y);
  await waitForControls(page, true);
  // Over a playing video a tap brings the big pause button; the picture keeps playing.
  await page.getByRole('button', { name: 'Pause video' }).waitFor();
  expect(await page.locator('video').evaluate((video: HTMLVideoElement) => video.paused)).toBe(false);
  await tap(touch, middle.x, middle.y);
  await waitForControls(page, false);
  // A single tap on a side third shows them too (once no second tap follows), and does not seek.
  const before = await playbackPosition(page);
  const side = await pointOnPicture(page, 0.15, 0.3);
  await tap(touch, side.x, side.y);
  await waitForControls(page, true);
  expect(await playbackPosition(page)).toBeGreaterThanOrEqual(before);
  expect(phone.consoleErrors).toEqual([]);
});

it('seeks 10 s forward or back with two quick taps on the right or left third, with a ripple there', async () => {
  const { page } = phone;
  await startWatching(page, videoId);
  await pauseByTouch(page);
  await page.locator('video').evaluate((video: HTMLVideoElement) => {
    video.currentTime = 5;
  });
  await page.waitForFunction(() => document.querySelector('video')?.seeking === false);
  const ripples = await recordRipples(page);
  const picture = await page.locator('video').boundingBox();
  if (!picture) throw new Error('the video is not on screen');

  const right = await pointOnPicture(page, 0.85, 0.4);
  await tap(touch, right.x, right.y, 2);
  await positionIs(page, 15);
  await page.locator('.seek-ripple').waitFor({ state: 'detached' });
  // A third quick tap adds 10 s more, and the ripple counts on.
  await tap(touch, right.x, right.y, 3);
  await positionIs(page, 35);
  await page.locator('.seek-ripple').waitFor({ state: 'detached' });

  const left = await pointOnPicture(page, 0.15, 0.4);
  await tap(touch, left.x, left.y, 2);
  // While the ripple shows (it stays under a second).
  await screenshot(page, 'phone-double-tap-ripple');
  await positionIs(page, 25);
  const shown = await ripples();
  expect(shown.map((ripple) => ripple.text)).toEqual([
    '+10 seconds',
    '+10 seconds',
    '+20 seconds',
    '−10 seconds',
  ]);
  // Each on its own side of the picture.
  const [forward, , , back] = shown.map(({ box }) => ({ left: box.x, right: box.x + box.width }));
  const middle = picture.x + picture.width / 2;
  expect(forward?.right).toBeCloseTo(picture.x + picture.width, 0);
  expect(forward?.left).toBeGreaterThan(middle);
  expect(back?.left).toBeCloseTo(picture.x, 0);
  expect(back?.right).toBeLessThan(middle);
  expect(phone.consoleErrors).toEqual([]);
});

it('follows the finger along the seek bar with the storyboard preview, and seeks where it lifts', async () => {
  const { page } = phone;
  await startWatching(page, videoId);
  await pauseByTouch(page);
  const bar = await page.getByRole('slider', { name: 'Seek' }).boundingBox();
  if (!bar) throw new Error('the seek bar is not on screen');
  const y = Math.round(bar.y + bar.height / 2);
  const at = (fraction: number) => Math.round(bar.x + bar.width * fraction);
  // The time the preview names under a finger at x: the moment at that point of the bar, as m:ss.
  const duration = await page.locator('video').evaluate((video: HTMLVideoElement) => video.duration);
  const timeAt = (x: number) =>
    `0:${String(Math.floor(((x - bar.x) / bar.width) * duration)).padStart(2, '0')}`;
  await touch.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: at(0.33), y }] });
  await page
    .locator('.seek-time')
    .filter({ hasText: timeAt(at(0.33)) })
    .waitFor();
  await touch.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: at(0.66), y }] });
  await page
    .locator('.seek-time')
    .filter({ hasText: timeAt(at(0.66)) })
    .waitFor();
  await page.locator('.seek-thumbnail').waitFor();
  await screenshot(page, 'phone-scrub-preview');
  await touch.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await page.locator('.seek-preview').waitFor({ state: 'detached' });
  // Where the finger lifted (the slider's thumb takes a few pixels of the track's ends).
  expect(await playbackPosition(page)).toBeGreaterThan(duration * 0.66 - 1.5);
  expect(await playbackPosition(page)).toBeLessThan(duration * 0.66 + 1.5);
  expect(phone.consoleErrors).toEqual([]);
});
