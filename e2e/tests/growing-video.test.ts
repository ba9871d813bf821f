// A video being encoded plays as soon as its first segments are out: its playback advances while the
// job still runs.
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type Person } from '../support/browser.js';
import { makeClip } from '../support/clips.js';
import { playbackPosition, screenshot } from '../support/in-the-browser.js';
import { newAccount } from '../support/people.js';
import { register, uploadClip, waitFor } from '../support/through-the-api.js';

const baseUrl = inject('baseUrl');
let viewer: Person;
let token: string;
let videoId: string;

beforeAll(async () => {
  token = await register(baseUrl, newAccount('Streamer'));
  // A minute of 720p (four rungs): its encode runs for a good while after the first segments are out.
  const clip = await makeClip('growing-clip.mp4', { width: 1280, height: 720, seconds: 60 });
  videoId = await uploadClip(baseUrl, token, clip, { title: 'Still encoding', visibility: 'public' });
  viewer = await openBrowser(baseUrl);
});
afterAll(() => viewer?.close());

it('plays a video that is still being encoded', async () => {
  const growing = await waitFor(baseUrl, token, videoId, (video) => video.playable, 'playable');
  expect(growing.state).toBe('processing');

  const { page } = viewer;
  await page.goto(`/watch/${videoId}`);
  await page.getByRole('button', { name: 'Play video' }).click();
  await page.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 2, undefined, {
    timeout: 30_000,
  });
  expect(await playbackPosition(page)).toBeGreaterThan(2);
  await screenshot(page, 'desktop-watch-while-encoding');
  // It played while the job was still running.
  const after = await waitFor(baseUrl, token, videoId, () => true, 'read');
  expect(after.state).toBe('processing');
  expect(viewer.consoleErrors, JSON.stringify(viewer.consoleErrors)).toEqual([]);
});
