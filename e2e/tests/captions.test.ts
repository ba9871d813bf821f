// Captions: an SRT file uploaded for a video shows its cues over the picture at their times through
// hls.js (the SUBTITLES rendition of the master playlist), turned on and off by the CC button, the `c`
// key and the settings menu, remembered on the device; and the studio uploads and removes them.
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type Person } from '../support/browser.js';
import { makeClip } from '../support/clips.js';
import { screenshot } from '../support/in-the-browser.js';
import { newAccount } from '../support/people.js';
import { publishClip, register } from '../support/through-the-api.js';

const baseUrl = inject('baseUrl');
const SRT = [
  '1',
  '00:00:01,000 --> 00:00:03,000',
  'first cue',
  '',
  '2',
  '00:00:05,000 --> 00:00:07,000',
  'second <i>cue</i>',
  '',
];
let videoId: string;
let token: string;
let account: ReturnType<typeof newAccount>;
let viewer: Person;

beforeAll(async () => {
  account = newAccount('Captioner');
  token = await register(baseUrl, account);
  const clip = await makeClip('captions-clip.mp4', { seconds: 8 });
  videoId = await publishClip(baseUrl, token, clip, { title: 'Spoken words', visibility: 'public' });
  const response = await fetch(`${baseUrl}/api/v1/videos/${videoId}/captions/en`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-subrip' },
    body: SRT.join('\n'),
  });
  expect(response.status, await response.text()).toBe(204);
  viewer = await openBrowser(baseUrl);
});
afterAll(() => viewer?.close());

/** Pauses the video at `seconds` and gives the caption drawn over the picture once the cues have settled. */
async function captionAt(page: Page, seconds: number): Promise<{ shown: string; track: string }> {
  await page.evaluate(async (time) => {
    const video = document.querySelector('video') as HTMLVideoElement;
    video.pause();
    video.currentTime = time;
    await new Promise((resolve) => video.addEventListener('seeked', resolve, { once: true }));
  }, seconds);
  // cuechange follows the seek within a frame or two.
  await page.waitForTimeout(300);
  return page.evaluate(() => {
    const video = document.querySelector('video') as HTMLVideoElement;
    const track = [...video.textTracks].find((text) => text.mode === 'hidden');
    const active = [...(track?.activeCues ?? [])].map((cue) => (cue as VTTCue).text).join('\n');
    return { shown: document.querySelector('.player-captions')?.textContent ?? '', track: active };
  });
}

it('shows an SRT caption cue over the picture at its time, and none outside it', async () => {
  const { page } = viewer;
  await page.goto(`/watch/${videoId}`);
  await page.getByRole('button', { name: 'Play video' }).click();
  await page.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 0.3);
  const button = page.getByRole('button', { name: 'Captions' });
  expect(await button.getAttribute('aria-pressed')).toBe('false');
  await page.keyboard.press('c');
  await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
  // hls.js loads the English track once it is chosen.
  await page.waitForFunction(() =>
    [...(document.querySelector('video')?.textTracks ?? [])].some((track) => (track.cues?.length ?? 0) === 2),
  );

  expect(await captionAt(page, 2)).toEqual({ shown: 'first cue', track: 'first cue' });
  await screenshot(page, 'desktop-caption');
  // A second off either way would put a cue here.
  expect(await captionAt(page, 0.5)).toEqual({ shown: '', track: '' });
  expect(await captionAt(page, 3.6)).toEqual({ shown: '', track: '' });
  expect(await captionAt(page, 4.5)).toEqual({ shown: '', track: '' });
  expect(await captionAt(page, 6)).toEqual({ shown: 'second cue', track: 'second <i>cue</i>' });
  expect(await page.locator('.player-captions i').textContent()).toBe('cue');

  // Above the control bar, not under it.
  const caption = await page.locator('.player-caption-cue').boundingBox();
  const toolbar = await page.locator('.player-toolbar').boundingBox();
  if (!caption || !toolbar) throw new Error('the caption or the toolbar is not on screen');
  expect(caption.y + caption.height).toBeLessThanOrEqual(toolbar.y);
  expect(viewer.consoleErrors).toEqual([]);
});

it('remembers the language on the device, and turns captions off from the settings menu', async () => {
  const { page } = viewer;
  await page.goto(`/watch/${videoId}`);
  await page.getByRole('button', { name: 'Play video' }).click();
  const button = page.getByRole('button', { name: 'Captions' });
  await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
  expect((await captionAt(page, 2)).shown).toBe('first cue');

  await page.getByRole('button', { name: 'Settings' }).click();
  const menu = page.getByRole('combobox', { name: 'Captions' });
  expect(await menu.locator('option').allTextContents()).toEqual(['Off', 'English']);
  await menu.selectOption({ label: 'Off' });
  expect(await button.getAttribute('aria-pressed')).toBe('false');
  expect((await captionAt(page, 2)).shown).toBe('');

  await page.reload();
  await page.getByRole('button', { name: 'Play video' }).click();
  await page.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 0.3);
  expect(await page.getByRole('button', { name: 'Captions' }).getAttribute('aria-pressed')).toBe('false');
  expect(viewer.consoleErrors).toEqual([]);
});

it('uploads captions from the studio and removes them', async () => {
  const owner = await openBrowser(baseUrl);
  try {
    const { page } = owner;
    await page.goto('/signin?next=/studio');
    await page.getByLabel('Email').fill(account.email);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Your videos' }).waitFor();
    await page.getByRole('button', { name: 'Captions' }).click();
    const captions = page.getByRole('region', { name: 'Captions of Spoken words' });
    await expect
      .poll(() => captions.getByRole('listitem').allTextContents())
      .toEqual(['English (en) Remove']);

    const file = path.join(tmpdir(), `captions-${Date.now()}.srt`);
    await writeFile(file, SRT.join('\n').replace('first cue', 'premier sous-titre'));
    await captions.getByLabel('Language').selectOption('fr');
    await captions.getByLabel(/Caption file/).setInputFiles(file);
    await captions.getByRole('button', { name: 'Upload captions' }).click();
    await expect
      .poll(() => captions.getByRole('listitem').allTextContents())
      .toEqual(['English (en) Remove', 'Français (fr) Remove']);

    const broken = path.join(tmpdir(), `broken-${Date.now()}.vtt`);
    await writeFile(broken, 'WEBVTT\n\n00:00:01.000 --> 00:00:0x.000\nhello\n');
    await captions.getByLabel(/Caption file/).setInputFiles(broken);
    await captions.getByRole('button', { name: 'Upload captions' }).click();
    await expect.poll(() => captions.getByRole('alert').textContent()).toMatch(/Line 3/);
    owner.takeConsoleErrors(); // the refused upload's 400

    await captions.getByRole('button', { name: 'Remove English captions' }).click();
    await expect
      .poll(() => captions.getByRole('listitem').allTextContents())
      .toEqual(['Français (fr) Remove']);
    const answer = await fetch(`${baseUrl}/api/v1/videos/${videoId}`).then((response) => response.json());
    expect(answer.captions.map((caption: { language: string }) => caption.language)).toEqual(['fr']);
    expect(owner.consoleErrors).toEqual([]);
  } finally {
    await owner.close();
  }
});
