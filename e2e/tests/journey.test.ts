// The whole journey in a real browser: sign up, upload a clip, watch it process, play it with adaptive
// quality; then a second person likes it, subscribes, comments (the uploader's reply notifies them), and
// finds it in their subscriptions feed and through search.
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, inject, it, onTestFailed } from 'vitest';
import { artifactPath } from '../support/artifacts.js';
import { openBrowser, type Person } from '../support/browser.js';
import { makeClip } from '../support/clips.js';
import {
  clickToFirstFrame,
  playbackPosition,
  playerSetting,
  screenshot,
  signUp,
} from '../support/in-the-browser.js';
import { newAccount } from '../support/people.js';

const baseUrl = inject('baseUrl');
let uploader: Person;
let viewer: Person;

beforeAll(async () => {
  uploader = await openBrowser(baseUrl);
  viewer = await openBrowser(baseUrl);
});
afterAll(async () => {
  await uploader?.close();
  await viewer?.close();
});

it('takes a video from sign-up through upload, processing and adaptive playback to a subscriber’s feed', async () => {
  const clip = await makeClip('journey-clip.mp4', { seconds: 12 });
  const alice = newAccount('Alice');
  const title = `Test pattern ${alice.handle}`;
  const page = uploader.page;
  onTestFailed(async () => {
    await screenshot(uploader.page, 'failed-journey-uploader');
    await screenshot(viewer.page, 'failed-journey-viewer');
    console.log(JSON.stringify([uploader.consoleErrors, viewer.consoleErrors], null, 1));
  });

  // Sign up and upload: the bar shows bytes as they go.
  await signUp(page, alice);
  await page.getByRole('link', { name: 'Upload' }).click();
  await page.locator('input[type="file"]').setInputFiles(clip);
  await page.getByText('Upload complete').waitFor();
  expect(await page.getByLabel('Upload progress').textContent()).toMatch(/of [\d.]+ [KM]B \(100%\)/);
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Visibility').selectOption('public');

  // Processing shows its percent live, then the video is ready.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { processingTexts: string[] }).processingTexts = seen;
    new MutationObserver(() => seen.push(document.querySelector('.processing')?.textContent ?? '')).observe(
      document.body,
      { subtree: true, childList: true, characterData: true },
    );
  });
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByText('Ready.').waitFor({ timeout: 120_000 });
  const processingTexts = await page.evaluate(
    () => (window as unknown as { processingTexts: string[] }).processingTexts,
  );
  expect(processingTexts.some((text) => /Processing: \d+%/.test(text))).toBe(true);

  // Play it: hls.js loads a rung's playlist, the first frame comes quickly, playback passes 3 s.
  const rungPlaylist = page.waitForResponse((response) => /\/\d+p\/playlist\.m3u8$/.test(response.url()));
  await page.getByRole('link', { name: title }).click();
  const videoId = page.url().split('/watch/')[1] ?? '';
  expect((await rungPlaylist).ok()).toBe(true);
  const timeToFirstFrame = await clickToFirstFrame(page, page.getByRole('button', { name: 'Play video' }));
  console.log(`time from the play click to the first frame: ${timeToFirstFrame} ms`);
  await writeFile(artifactPath('time-to-first-frame.txt'), `${timeToFirstFrame} ms\n`);
  await page.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 3, undefined, {
    timeout: 20_000,
  });
  await screenshot(page, 'desktop-watch-playing');

  // The quality menu offers Auto and every planned rung; choosing the lowest really switches the picture.
  const planned = await page.evaluate(async (id) => {
    const video = await (await fetch(`/api/v1/videos/${id}`)).json();
    return (video.renditions as { name: string; height: number }[]).map((rung) => rung.name);
  }, videoId);
  expect(planned).toEqual(['240p', '360p']);
  const quality = await playerSetting(page, 'Quality');
  const offered = await quality.locator('option').allTextContents();
  expect(offered[0]).toMatch(/^Auto/);
  expect(offered.slice(1).sort()).toEqual([...planned].sort());
  await page.locator('video').evaluate((video: HTMLVideoElement) => {
    video.currentTime = 0;
  });
  await quality.selectOption({ label: '240p' });
  await page.waitForFunction(() => document.querySelector('video')?.videoHeight === 240, undefined, {
    timeout: 15_000,
  });
  const positionAfterSwitch = await playbackPosition(page);
  await page.waitForFunction(
    (from) => (document.querySelector('video')?.currentTime ?? 0) > from + 0.5,
    positionAfterSwitch,
  );

  // A second person likes the video and subscribes to the channel…
  const bob = newAccount('Bob');
  await signUp(viewer.page, bob);
  await viewer.page.goto(`/watch/${videoId}`);
  await viewer.page.getByRole('button', { name: 'Like (0)', exact: true }).click();
  await viewer.page.getByRole('button', { name: 'Like (1)', exact: true, pressed: true }).waitFor();
  await viewer.page.getByRole('button', { name: 'Subscribe', exact: true }).click();
  await viewer.page.getByRole('button', { name: 'Subscribed', pressed: true }).waitFor();
  await viewer.page.getByText('1 subscriber', { exact: true }).waitFor();

  // They comment (markup stays text), the uploader replies, and they see the reply under their comment.
  const remark = 'Lovely <b>colours</b>';
  await viewer.page.getByLabel('Add a comment').fill(remark);
  await viewer.page.getByRole('button', { name: 'Comment', exact: true }).click();
  await viewer.page.getByText(remark, { exact: true }).waitFor();
  await viewer.page.getByRole('heading', { name: '1 comment' }).waitFor();
  await page.reload();
  await page.getByRole('button', { name: 'Reply', exact: true }).click();
  await page.getByLabel(`Reply to @${bob.handle}`).fill('Thank you!');
  await page.getByRole('button', { name: 'Reply', exact: true }).click();
  await page.getByText('Thank you!', { exact: true }).waitFor();
  // The reply reaches them as a notification too.
  await viewer.page.reload();
  await viewer.page.getByRole('link', { name: 'Notifications (1 unread)' }).click();
  await viewer.page.getByText(/replied on .*: “Thank you!”/).click();
  await viewer.page.waitForURL(`**/watch/${videoId}`);
  await viewer.page.getByRole('link', { name: 'Notifications', exact: true }).waitFor();
  await viewer.page.getByRole('button', { name: '1 reply' }).click();
  await viewer.page.getByText('Thank you!', { exact: true }).waitFor();
  await viewer.page.getByRole('button', { name: 'Edit', exact: true }).click();
  await viewer.page.getByLabel('Edit your comment').fill('Lovely colours, and a fine tone');
  await viewer.page.getByRole('button', { name: 'Save', exact: true }).click();
  await viewer.page.getByText('Lovely colours, and a fine tone', { exact: true }).waitFor();
  await viewer.page.getByText('(edited)').waitFor();
  // The video's owner may delete it; with a reply under it, the thread stays and says so.
  await page.reload();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page
    .getByRole('group', { name: 'Delete this comment?' })
    .getByRole('button', { name: 'Delete' })
    .click();
  await page.getByText('This comment was deleted.').waitFor();

  // …and finds it in their subscriptions feed.
  await viewer.page.getByRole('link', { name: 'Subscriptions' }).first().click();
  await viewer.page.getByRole('heading', { name: 'Subscriptions' }).waitFor();
  await viewer.page.getByRole('link', { name: title }).waitFor();
  await screenshot(viewer.page, 'desktop-subscriptions');

  // Search finds it by a word of its title.
  await viewer.page.getByLabel('Search videos').fill(alice.handle);
  await viewer.page.getByLabel('Search videos').press('Enter');
  await viewer.page.getByRole('heading', { name: `Results for “${alice.handle}”` }).waitFor();
  await viewer.page.getByRole('link', { name: title }).waitFor();

  expect(uploader.consoleErrors).toEqual([]);
  expect(viewer.consoleErrors).toEqual([]);
});
