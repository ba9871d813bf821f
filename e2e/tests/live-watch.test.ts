// Watching a live stream: a real encoder publishes RTMP to the app; a signed-in viewer's watch page shows
// LIVE and plays near the live edge, falls behind on a pause and goes back to live, follows the chat (a
// message from someone else, and their own from the form), counts them as watching, and says when the
// stream ended. The chat's own refusals show as the server words them.
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type Person, PHONE } from '../support/browser.js';
import { screenshot, signUp } from '../support/in-the-browser.js';
import { makeStreamKey, type Publisher, publishLive } from '../support/live-publisher.js';
import { newAccount } from '../support/people.js';
import { postChatMessage, register, waitFor, waitForLiveVideo } from '../support/through-the-api.js';

const baseUrl = inject('baseUrl');
let viewer: Person;
let publisher: Publisher | undefined;
let streamerToken: string;
let videoId: string;

beforeAll(async () => {
  streamerToken = await register(baseUrl, newAccount('Streamer'));
  publisher = publishLive(await makeStreamKey(baseUrl, streamerToken), 150, 'live-watch-encoder.log');
  videoId = await waitForLiveVideo(baseUrl, streamerToken);
  await waitFor(baseUrl, streamerToken, videoId, (video) => video.playable, 'playable');
  viewer = await openBrowser(baseUrl);
  await signUp(viewer.page, newAccount('Viewer'));
});
afterAll(async () => {
  await publisher?.stop();
  await viewer?.close();
});

/** Seconds between the newest moment the player may seek to and where it plays. */
const behindEdge = () =>
  viewer.page
    .locator('video')
    .evaluate((video: HTMLVideoElement) => video.seekable.end(video.seekable.length - 1) - video.currentTime);

it('plays a live stream at its edge, with its chat beside it, until it ends', async () => {
  const { page } = viewer;
  await page.goto(`/watch/${videoId}`);
  await page.getByRole('button', { name: 'Play video' }).click();
  const player = page.getByRole('region', { name: 'Video player' });
  await player.locator('.live-indicator.live-at-edge', { hasText: 'LIVE' }).waitFor({ timeout: 30_000 });
  const joinedAt = await page.locator('video').evaluate((video: HTMLVideoElement) => video.currentTime);
  await page.waitForFunction(
    (from) => (document.querySelector('video')?.currentTime ?? 0) > from + 2,
    joinedAt,
    { timeout: 30_000 },
  );
  // Joined at the live edge: three 1-s segments behind the newest, give or take a segment's arrival.
  expect(await behindEdge()).toBeLessThan(8);
  await expect.poll(() => page.locator('.player-time').count()).toBe(0);

  // Paused, it falls behind live; "Go live" takes it back.
  await page.locator('video').evaluate((video: HTMLVideoElement) => video.pause());
  const goLive = player.getByRole('button', { name: 'Go live' });
  await goLive.waitFor({ timeout: 20_000 });
  await expect.poll(() => player.locator('.live-delay').textContent()).toMatch(/^\u2212\d+ s$/);
  await goLive.click();
  await player.locator('.live-indicator.live-at-edge').waitFor({ timeout: 20_000 });
  expect(await behindEdge()).toBeLessThan(8);

  // Someone else's message, then the viewer's own from the form, arrive through the chat's stream.
  const chat = page.getByRole('region', { name: 'Live chat' });
  const [playerBox, chatBox] = [await player.boundingBox(), await chat.boundingBox()];
  expect(chatBox?.x).toBeGreaterThanOrEqual((playerBox?.x ?? 0) + (playerBox?.width ?? 0));
  const guestToken = await register(baseUrl, newAccount('Guest'));
  await postChatMessage(baseUrl, guestToken, videoId, 'Hello from the audience');
  await chat.getByText('Hello from the audience').waitFor({ timeout: 10_000 });
  await chat.getByLabel('Chat message').fill('Hi everyone');
  await chat.getByRole('button', { name: 'Send' }).click();
  await chat.getByRole('log').getByText('Hi everyone').waitFor({ timeout: 10_000 });
  // A refusal shows in the server's words; the browser logs the refused request, as it does any 400.
  await chat.getByLabel('Chat message').fill('x'.repeat(201));
  await chat.getByRole('button', { name: 'Send' }).click();
  await expect.poll(() => chat.getByRole('alert').textContent()).toContain('200 characters');
  const refusals = viewer.takeConsoleErrors();
  expect(refusals.map((problem) => problem.text).join('\n')).toMatch(/^[^\n]*400[^\n]*$/);

  // Its player reported the viewer present: the page (asked again every 15 s) counts them.
  await page.getByText('1 watching').waitFor({ timeout: 40_000 });
  await screenshot(page, 'desktop-watch-live');

  await publisher?.stop();
  await page.getByText('The live stream has ended').waitFor({ timeout: 40_000 });
  await chat.getByText('the chat is closed').waitFor();
  await chat.getByText('Hello from the audience').waitFor();
  await screenshot(page, 'desktop-watch-live-ended');
  expect(viewer.consoleErrors, JSON.stringify(viewer.consoleErrors)).toEqual([]);
});

it('shows the kept chat under the player on a phone once the stream has ended', async () => {
  const phone = await openBrowser(baseUrl, PHONE);
  try {
    await phone.page.goto(`/watch/${videoId}`);
    const chat = phone.page.getByRole('region', { name: 'Live chat' });
    await chat.getByText('Hello from the audience').waitFor();
    await chat.getByText('the chat is closed').waitFor();
    const player = await phone.page.getByRole('region', { name: 'Video player' }).boundingBox();
    const chatBox = await chat.boundingBox();
    expect(chatBox?.y).toBeGreaterThanOrEqual((player?.y ?? 0) + (player?.height ?? 0));
    await screenshot(phone.page, 'phone-watch-live-ended');
    expect(phone.consoleErrors, JSON.stringify(phone.consoleErrors)).toEqual([]);
  } finally {
    await phone.close();
  }
});
