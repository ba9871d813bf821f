// A start on an emulated 4G network (9 Mbps, 85 ms): the page, its scripts and the media all come over it,
// and the first frame follows the play click within issue 17's target of a second. Each start is in a
// fresh profile (nothing cached). The best of three is held to the target: a busy machine makes a start
// slower, never faster, so the best is the network's and the player's; all three go to the artifacts.
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { artifactPath } from '../support/artifacts.js';
import { openBrowser, type Person } from '../support/browser.js';
import { makeClip } from '../support/clips.js';
import { clickToFirstFrame } from '../support/in-the-browser.js';
import { emulateOn, FOUR_G } from '../support/network-emulation.js';
import { newAccount } from '../support/people.js';
import { publishClip, register } from '../support/through-the-api.js';

const baseUrl = inject('baseUrl');
const TARGET_MS = 1_000;
let videoId: string;
const viewers: Person[] = [];

beforeAll(async () => {
  const token = await register(baseUrl, newAccount('Broadcaster'));
  const clip = await makeClip('network-start.mp4', { width: 1280, height: 720, seconds: 12 });
  videoId = await publishClip(baseUrl, token, clip, { title: 'Started on 4G', visibility: 'public' });
});
afterAll(() => Promise.all(viewers.map((viewer) => viewer.close())));

/** Milliseconds from the play click to the first frame, on a fresh profile over emulated 4G. */
async function startOnFourG(): Promise<number> {
  const viewer = await openBrowser(baseUrl);
  viewers.push(viewer);
  const { page } = viewer;
  await emulateOn(page, FOUR_G);
  await page.goto(`/watch/${videoId}`);
  return clickToFirstFrame(page, page.getByRole('button', { name: 'Play video' }));
}

it('shows the first frame within a second of the play click on 4G', async () => {
  const starts: number[] = [];
  for (let start = 0; start < 3; start += 1) starts.push(await startOnFourG());
  await writeFile(artifactPath('network-start-4g.txt'), `${starts.map((ms) => `${ms} ms`).join('\n')}\n`);
  console.log(`first frame after the play click on emulated 4G: ${starts.join(', ')} ms`);
  expect(Math.min(...starts)).toBeLessThanOrEqual(TARGET_MS);
  for (const viewer of viewers) expect(viewer.consoleErrors).toEqual([]);
});
