// Playlists in the web app: a viewer saves two videos to a new playlist from the watch page, reorders them
// on the playlist's page, plays it, and when the first video ends the second starts by itself, with the
// playlist beside the player. The channel's Playlists tab lists it.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type Person } from '../support/browser.js';
import { makeClip } from '../support/clips.js';
import { screenshot, signUp } from '../support/in-the-browser.js';
import { type Account, newAccount } from '../support/people.js';
import { publishClip, register } from '../support/through-the-api.js';

const baseUrl = inject('baseUrl');
let viewer: Person;
let curator: Account;
let first: string;
let second: string;

beforeAll(async () => {
  const token = await register(baseUrl, newAccount('Filmmaker'));
  const clip = await makeClip('playlist-clip.mp4', { seconds: 4 });
  first = await publishClip(baseUrl, token, clip, { title: 'Morning walk', visibility: 'public' });
  second = await publishClip(baseUrl, token, clip, { title: 'Evening swim', visibility: 'public' });
  viewer = await openBrowser(baseUrl);
  curator = newAccount('Curator');
  await signUp(viewer.page, curator);
});
afterAll(() => viewer?.close());

function saveDialog(page: Page) {
  return page.getByRole('dialog', { name: 'Save to…' });
}

async function openSaveDialog(page: Page, videoId: string, title: string) {
  await page.goto(`/watch/${videoId}`);
  await page.getByRole('heading', { name: title, level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Save to playlist' }).click();
  await saveDialog(page)
    .getByRole('checkbox', { name: /Watch later/ })
    .waitFor();
}

it('saves videos to a new playlist and to Watch later from the watch page', async () => {
  const { page } = viewer;
  await openSaveDialog(page, first, 'Morning walk');
  const dialog = saveDialog(page);
  await dialog.getByRole('textbox', { name: 'New playlist' }).fill('Outdoors');
  await dialog.getByRole('combobox', { name: 'Visibility' }).selectOption('public');
  await dialog.getByRole('button', { name: 'Create' }).click();
  const outdoors = dialog.getByRole('checkbox', { name: /Outdoors/ });
  await expect.poll(() => outdoors.isChecked()).toBe(true);
  const watchLater = dialog.getByRole('checkbox', { name: /Watch later/ });
  expect(await watchLater.isChecked()).toBe(false);
  await watchLater.check();
  await expect.poll(() => watchLater.isChecked()).toBe(true);
  await screenshot(page, 'save-dialog');
  await dialog.getByRole('button', { name: 'Done' }).click();

  await openSaveDialog(page, second, 'Evening swim');
  await saveDialog(page)
    .getByRole('checkbox', { name: /Outdoors/ })
    .check();
  await expect
    .poll(() =>
      saveDialog(page)
        .getByRole('checkbox', { name: /Outdoors/ })
        .isChecked(),
    )
    .toBe(true);
  await saveDialog(page).getByRole('button', { name: 'Done' }).click();
});

it('reorders a playlist on its page', async () => {
  const { page } = viewer;
  await page.goto('/playlists');
  await page
    .getByRole('list', { name: 'My playlists' })
    .getByRole('link', { name: /Outdoors/ })
    .click();
  await page.getByRole('heading', { name: 'Outdoors', level: 1 }).waitFor();
  const titles = () => page.locator('.playlist-item strong').allTextContents();
  await expect.poll(titles).toEqual(['Morning walk', 'Evening swim']);
  await page.getByRole('button', { name: 'Move Evening swim up' }).click();
  await expect.poll(titles).toEqual(['Evening swim', 'Morning walk']);
  await page.getByRole('button', { name: 'Move Evening swim down' }).click();
  await expect.poll(titles).toEqual(['Morning walk', 'Evening swim']);
  await screenshot(page, 'playlist-page');
});

it('plays the playlist in order: the second video starts by itself when the first ends', async () => {
  const { page, consoleErrors } = viewer;
  await page.getByRole('link', { name: 'Play all' }).click();
  await page.waitForURL(`**/watch/${first}?list=*`);
  const panel = page.getByRole('region', { name: 'Outdoors' });
  await panel.getByText('1 / 2').waitFor();
  expect(await panel.locator('[aria-current="true"]').textContent()).toContain('Morning walk');

  await page.getByRole('button', { name: 'Play video' }).click();
  await page.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 0.3);
  await page.locator('video').evaluate((video: HTMLVideoElement) => {
    video.currentTime = video.duration - 0.5;
  });
  await page.getByRole('timer').filter({ hasText: 'Up next in' }).waitFor();
  expect(await page.locator('.autoplay-next strong').textContent()).toBe('Evening swim');
  await page.waitForURL(`**/watch/${second}?list=*`, { timeout: 15_000 });
  await page.getByRole('heading', { name: 'Evening swim', level: 1 }).waitFor();
  await panel.getByText('2 / 2').waitFor();
  // Nobody pressed Play on this one.
  await page.waitForFunction(() => {
    const video = document.querySelector('video');
    return video !== null && !video.paused && video.currentTime > 0.5;
  });
  await screenshot(page, 'playlist-playing');
  expect(consoleErrors).toEqual([]);
});

it("lists the public playlist on the curator's channel, under Playlists", async () => {
  const { page } = viewer;
  await page.goto(`/@${curator.handle}`);
  await page.getByRole('navigation', { name: 'Channel' }).getByRole('link', { name: 'Playlists' }).click();
  const card = page.getByRole('list', { name: 'Playlists' }).getByRole('link', { name: /Outdoors/ });
  await card.waitFor();
  expect(await card.textContent()).toContain('2 videos');
  expect(await page.getByRole('list', { name: 'Playlists' }).getByText('Watch later').count()).toBe(0);
});
