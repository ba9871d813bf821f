// Chapters a creator writes into the description: listed under the video, each a jump to where it begins;
// the seek bar is cut where they begin and its preview names the chapter under the pointer.
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type Person } from '../support/browser.js';
import { makeClip } from '../support/clips.js';
import { playbackPosition, screenshot } from '../support/in-the-browser.js';
import { newAccount } from '../support/people.js';
import { publishClip, register } from '../support/through-the-api.js';

const baseUrl = inject('baseUrl');
let videoId: string;
let viewer: Person;

beforeAll(async () => {
  const token = await register(baseUrl, newAccount('Teacher'));
  const clip = await makeClip('chapters-clip.mp4', { seconds: 30 });
  videoId = await publishClip(baseUrl, token, clip, {
    title: 'A lesson in three parts',
    visibility: 'public',
    description: 'What we cover:\n0:00 Opening\n0:10 - The middle part\n0:20 Closing\nThanks!',
  });
  viewer = await openBrowser(baseUrl);
});
afterAll(() => viewer?.close());

it('lists the chapters under the video, and a chapter plays the video from where it begins', async () => {
  const { page } = viewer;
  await page.goto(`/watch/${videoId}`);
  const chapters = page.getByRole('navigation', { name: 'Chapters' });
  await chapters.waitFor();
  expect(await chapters.getByRole('button').allTextContents()).toEqual([
    '0:00Opening',
    '0:10The middle part',
    '0:20Closing',
  ]);
  await chapters.getByRole('button', { name: /The middle part/ }).click();
  await page.waitForFunction(() => {
    const video = document.querySelector('video');
    return video !== null && !video.paused && video.currentTime > 10.2;
  });
  expect(await playbackPosition(page)).toBeLessThan(14);
  const seekBar = page.getByRole('slider', { name: 'Seek' });
  expect(await seekBar.getAttribute('aria-valuetext')).toMatch(/, The middle part$/);
  expect(viewer.consoleErrors).toEqual([]);
});

it('cuts the seek bar where chapters begin and names the chapter under the pointer', async () => {
  const { page } = viewer;
  await page.goto(`/watch/${videoId}`);
  await page.getByRole('button', { name: 'Play video' }).waitFor();
  await page.waitForFunction(() => (document.querySelector('video')?.duration ?? 0) > 0);
  // Two gaps, at a third and two thirds of the bar (0:10 and 0:20 of 0:30).
  const bar = await page.locator('.seek-bar').boundingBox();
  const gaps = await page
    .locator('.seek-chapter-gaps span')
    .evaluateAll((spans) =>
      spans.map((span) => span.getBoundingClientRect()).map((box) => box.x + box.width / 2),
    );
  if (!bar) throw new Error('the seek bar is not on screen');
  expect(gaps.map((x) => Math.round(((x - bar.x) / bar.width) * 100))).toEqual([33, 67]);

  const slider = await page.getByRole('slider', { name: 'Seek' }).boundingBox();
  if (!slider) throw new Error('the seek slider is not on screen');
  await page.mouse.move(slider.x + slider.width * 0.8, slider.y + slider.height / 2);
  await expect.poll(() => page.locator('.seek-chapter-title').textContent()).toBe('Closing');
  expect(await page.locator('.seek-time').textContent()).toBe('0:24');
  await screenshot(page, 'desktop-chapter-preview');
  expect(viewer.consoleErrors).toEqual([]);
});
