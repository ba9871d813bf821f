// A long upload is encoded in chunks by separate jobs and stitched into one playlist per rung. In the
// browser the joins must not show: playback runs on across each one without waiting, every frame shown is
// the source's frame of that instant, on the rung hls.js picks and on the lowest one chosen by hand.
//
// This file has an app of its own that chunks from 10 s on, in chunks of 8 s (two 4 s segments), so the
// other files' videos keep the one-pass path they were written for.
import { readFile, writeFile } from 'node:fs/promises';
import { errors } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../support/app-server.js';
import { artifactPath } from '../support/artifacts.js';
import { openBrowser, type Person } from '../support/browser.js';
import { makeClip } from '../support/clips.js';
import { FRAME_RATE } from '../support/frame-numbers.js';
import { newAccount } from '../support/people.js';
import {
  installRecorder,
  type PlaybackRecord,
  type PlaybackSample,
  type PresentedFrame,
  startRecording,
  stopRecording,
} from '../support/playback-recorder.js';
import { publishClip, register } from '../support/through-the-api.js';

const CHUNK_SECONDS = 8;
const CLIP_SECONDS = 30;
/** Where chunks meet on the source's timeline: 8, 16 and 24 s. */
const JOINS = [CHUNK_SECONDS, 2 * CHUNK_SECONDS, 3 * CHUNK_SECONDS] as const;
/** Two frames shown one after the other are at most this many source frames apart (3 not shown). */
const MAX_FRAME_STEP = 4;

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

/** Seeks to `from`, waits until it plays again, then records until the position reaches `until`. */
async function playBetween(page: Person['page'], from: number, until: number): Promise<PlaybackRecord> {
  await page.locator('video').evaluate((video: HTMLVideoElement, at) => {
    video.currentTime = at;
  }, from);
  await page.waitForFunction((at) => {
    const video = document.querySelector('video');
    return !!video && !video.seeking && !video.paused && video.currentTime > at + 0.2;
  }, from);
  await startRecording(page);
  // Stuck playback never gets there: the record then says where it got to and what happened.
  await page
    .waitForFunction((at) => (document.querySelector('video')?.currentTime ?? 0) >= at, until, {
      timeout: 30_000,
    })
    .catch((error: unknown) => {
      if (!(error instanceof errors.TimeoutError)) throw error;
    });
  return stopRecording(page);
}

/** A frame as a failure message shows it. */
const shown = (frame: PresentedFrame) => `frame ${frame.frameNumber} at ${frame.mediaTime.toFixed(3)} s`;

/** A sample as a failure message shows it. */
const looked = (sample: PlaybackSample) =>
  `${sample.currentTime.toFixed(3)} s, ${sample.decodedFrames} decoded`;

/** Frames decoded and dropped while it recorded. */
function frameCounts({ samples }: PlaybackRecord) {
  const [first, last] = [samples[0], samples.at(-1)];
  return {
    decoded: (last?.decodedFrames ?? 0) - (first?.decodedFrames ?? 0),
    dropped: (last?.droppedFrames ?? 0) - (first?.droppedFrames ?? 0),
  };
}

/** What a run showed, for the artifacts. */
function describe(record: PlaybackRecord): string {
  const { frames, samples } = record;
  const [first, last] = [samples[0], samples.at(-1)];
  const { decoded, dropped } = frameCounts(record);
  return `${first?.currentTime.toFixed(2)}–${last?.currentTime.toFixed(2)} s: ${frames.length} frames shown, ${decoded} decoded, ${dropped} dropped`;
}

/** Each item with the one before it. */
const withPrevious = <T>(list: T[]) => list.slice(1).map((item, index) => [list[index] as T, item] as const);

/** What a seamless run across these joins looks like (every check is reported, not only the first). */
function expectSeamless(record: PlaybackRecord, joins: number[], until: number) {
  const { events, frames, samples, buffered } = record;
  expect.soft(samples.at(-1)?.currentTime, 'where playback got to').toBeGreaterThanOrEqual(until);
  // It never waited for data, stalled, failed, or jumped (hls.js skips a hole in the buffer by seeking).
  expect.soft(events, 'media events while it played').toEqual([]);
  // One buffered range runs from where recording began to the end: no hole at a join.
  const from = samples[0]?.currentTime ?? Number.NaN;
  const spanning = buffered.filter(([start, end]) => start <= from && end >= until);
  expect.soft(spanning, `buffered ranges ${JSON.stringify(buffered)}`).toHaveLength(1);

  // The position rises at every look, decoding goes on across each join, and almost nothing is dropped.
  const stuck = withPrevious(samples).filter(
    ([before, after]) =>
      after.currentTime <= before.currentTime || after.decodedFrames < before.decodedFrames,
  );
  expect
    .soft(
      stuck.slice(0, 3).map((pair) => pair.map(looked)),
      'looks where playback did not advance',
    )
    .toEqual([]);
  const undecoded = joins.filter((join) => {
    const before = samples.findLast((sample) => sample.currentTime < join - 0.2);
    const after = samples.find((sample) => sample.currentTime > join + 0.2);
    return !before || !after || after.decodedFrames <= before.decodedFrames;
  });
  expect.soft(undecoded, 'joins where decoding did not go on').toEqual([]);
  const { decoded, dropped } = frameCounts(record);
  expect.soft(dropped, `frames dropped of ${decoded} decoded`).toBeLessThanOrEqual(Math.ceil(decoded / 100));

  // Every frame shown is the source's frame of its instant (the picture says its number); frames come in
  // order with at most a few missed between two shown; and frames are shown on both sides of every join.
  const misplaced = frames.filter((frame) => frame.frameNumber !== Math.round(frame.mediaTime * FRAME_RATE));
  expect
    .soft(misplaced.slice(0, 5).map(shown), `frames not of their instant (${misplaced.length})`)
    .toEqual([]);
  const jumps = withPrevious(frames).filter(
    ([before, after]) =>
      after.frameNumber <= before.frameNumber || after.frameNumber - before.frameNumber > MAX_FRAME_STEP,
  );
  expect
    .soft(
      jumps.slice(0, 3).map((pair) => pair.map(shown)),
      `frames out of order or skipped (${jumps.length})`,
    )
    .toEqual([]);
  const unseen = joins.filter(
    (join) =>
      !frames.some((frame) => frame.mediaTime < join && frame.mediaTime > join - 0.25) ||
      !frames.some((frame) => frame.mediaTime >= join && frame.mediaTime < join + 0.25),
  );
  expect.soft(unseen, 'joins without frames shown on both sides').toEqual([]);
}

it('plays across the joins without a stall, each frame at its source time, on the rung hls.js picks and on the lowest', async () => {
  expect(await chunkCount()).toBe(JOINS.length + 1);
  const { page } = viewer;
  await page.goto(`/watch/${videoId}`);
  await installRecorder(page);
  await page.getByRole('button', { name: 'Play video' }).click();
  await page.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 0.5);

  // Whatever rung hls.js plays: from a second before the first join to two seconds after the second.
  const picked = await playBetween(page, JOINS[0] - 1, JOINS[1] + 2);
  expectSeamless(picked, JOINS.slice(0, 2), JOINS[1] + 2);
  const pickedHeights = [...new Set(picked.frames.map((frame) => frame.height))];
  expect(pickedHeights.every((height) => height === 240 || height === 360)).toBe(true);

  // The lowest rung, chosen by hand: across the second and third joins.
  await page.getByLabel('Quality').selectOption({ label: '240p' });
  const lowest = await playBetween(page, JOINS[1] - 1, JOINS[2] + 2);
  expectSeamless(lowest, JOINS.slice(1), JOINS[2] + 2);
  expect(new Set(lowest.frames.map((frame) => frame.height))).toEqual(new Set([240]));
  await writeFile(
    artifactPath('chunk-joins.txt'),
    [`hls.js played ${pickedHeights.join(' and ')} px high`, describe(picked), describe(lowest)].join('\n'),
  );

  expect(viewer.consoleErrors).toEqual([]);
});
