// A long upload is encoded in chunks by separate jobs and stitched into one playlist per rung. In the
// browser the joins must not show: playback runs on across each one without waiting, every frame shown is
// the source's frame of that instant, on the rung hls.js picks and on the lowest one chosen by hand.
//
// This file has an app of its own that chunks from 10 s on, in chunks of 8 s (two 4 s segments), so the
// other files' videos keep the one-pass path they were written for.
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../support/app-server.js';
import { artifactPath } from '../support/artifacts.js';
import { openBrowser, type Person } from '../support/browser.js';
import { makeClip } from '../support/clips.js';
import { playerSetting } from '../support/in-the-browser.js';
import { newAccount } from '../support/people.js';
import { describePlayback, expectSeamless } from '../support/playback-checks.js';
import { installRecorder, recordPlayback } from '../support/playback-recorder.js';
import { publishClip, register } from '../support/through-the-api.js';

const CHUNK_SECONDS = 8;
const CLIP_SECONDS = 30;
/** Where chunks meet on the source's timeline: 8, 16 and 24 s. */
const JOINS = [CHUNK_SECONDS, 2 * CHUNK_SECONDS, 3 * CHUNK_SECONDS] as const;

let starting: Promise<RunningApp> | undefined;
let app: RunningApp;
let viewer: Person;
let videoId: string;

beforeAll(async () => {
  // The app starts while the clip is made.
  starting = startApp({
    env: { CHUNKED_TRANSCODE_MIN_SECONDS: '10', TRANSCODE_CHUNK_SECONDS: String(CHUNK_SECONDS) },
    logName: 'app-chunked.log',
  });
  const clip = await makeClip('chunked-clip.mp4', { seconds: CLIP_SECONDS, numberedFrames: true });
  app = await starting;
  const token = await register(app.baseUrl, newAccount('Chunker'));
  videoId = await publishClip(app.baseUrl, token, clip, { title: 'Four chunks', visibility: 'public' });
  viewer = await openBrowser(app.baseUrl);
});
afterAll(async () => {
  await viewer?.close();
  await (await starting?.catch(() => undefined))?.stop();
});

/** How many chunks the app cut the video into, from its log (so a one-pass encode cannot pass here). */
async function chunkCount(): Promise<number | undefined> {
  const log = await readFile(app.logFile, 'utf8');
  const split = log.split('\n').find((line) => line.includes('"video split into chunks"'));
  const entry = split ? (JSON.parse(split) as { videoId?: string; chunks?: number }) : undefined;
  return entry?.videoId === videoId ? entry.chunks : undefined;
}

it('plays across the joins without a stall, each frame at its source time, on the rung hls.js picks and on the lowest', async () => {
  expect(await chunkCount()).toBe(JOINS.length + 1);
  const { page } = viewer;
  await page.goto(`/watch/${videoId}`);
  await installRecorder(page);
  await page.getByRole('button', { name: 'Play video' }).click();
  await page.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 0.5);

  // Whatever rung hls.js plays: from a second before the first join to two seconds after the second.
  const picked = await recordPlayback(page, JOINS[0] - 1, JOINS[1] + 2);
  expectSeamless(picked, JOINS.slice(0, 2), JOINS[1] + 2);
  const pickedHeights = [...new Set(picked.frames.map((frame) => frame.height))];
  expect.soft(pickedHeights.every((height) => height === 240 || height === 360)).toBe(true);

  // The lowest rung, chosen by hand: across the second and third joins.
  await (await playerSetting(page, 'Quality')).selectOption({ label: '240p' });
  const lowest = await recordPlayback(page, JOINS[1] - 1, JOINS[2] + 2);
  expectSeamless(lowest, JOINS.slice(1), JOINS[2] + 2);
  expect.soft(new Set(lowest.frames.map((frame) => frame.height))).toEqual(new Set([240]));
  await writeFile(
    artifactPath('chunk-joins.txt'),
    `${describePlayback(picked)}\n${describePlayback(lowest)}\n`,
  );

  expect(viewer.consoleErrors).toEqual([]);
});
