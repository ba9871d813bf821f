// What seamless playback across the joins of a chunked video looks like, checked on a record of
// support/playback-recorder.ts. A join that is wrong shows as a hole (the player waits with nothing
// buffered ahead, or hls.js seeks over it), as frames shown at the wrong instant, out of order or skipped,
// or as frames dropped at the join. A busy machine can starve the decoder now and then (the player waits
// with half a second or more buffered ahead, or drops a frame away from any join): that is not the
// stream's doing, and is counted in the summary rather than failed.
import { expect } from 'vitest';
import { FRAME_RATE } from './frame-numbers.js';
import type { PlaybackRecord, PlaybackSample, PresentedFrame, TroubleEvent } from './playback-recorder.js';

/** Buffered this far ahead, a wait is the decoder's, not a hole in the stream. */
const DATA_AHEAD_SECONDS = 0.5;
/** Between two frames read one after the other, this many source frames may go unseen on a busy page. */
const MAX_FRAME_STEP = 4;
/** Frames dropped from half a second before a join to half a second after it. */
const MAX_DROPPED_AT_JOIN = 2;
const FRAME_MS = 1000 / FRAME_RATE;

const shown = (frame: PresentedFrame) => `frame ${frame.frameNumber} at ${frame.mediaTime.toFixed(3)} s`;
const looked = (sample: PlaybackSample) =>
  `${sample.currentTime.toFixed(3)} s, ${sample.decodedFrames} decoded`;
const decoderWait = (event: TroubleEvent) =>
  (event.type === 'waiting' || event.type === 'stalled') && event.bufferedAhead >= DATA_AHEAD_SECONDS;

/** Each item with the one before it. */
const withPrevious = <T>(list: T[]) => list.slice(1).map((item, index) => [list[index] as T, item] as const);

/** Frames decoded and dropped between two looks. */
function framesBetween(before: PlaybackSample | undefined, after: PlaybackSample | undefined) {
  return {
    decoded: (after?.decodedFrames ?? 0) - (before?.decodedFrames ?? 0),
    dropped: (after?.droppedFrames ?? 0) - (before?.droppedFrames ?? 0),
  };
}

/** The looks just outside `margin` seconds either side of a join. */
function looksAround(samples: PlaybackSample[], join: number, margin: number) {
  return {
    before: samples.findLast((sample) => sample.currentTime < join - margin),
    after: samples.find((sample) => sample.currentTime > join + margin),
  };
}

/** The number of the source frame at this frame's instant. */
const sourceFrameAt = (frame: PresentedFrame) => Math.round(frame.mediaTime * FRAME_RATE);

/** A picture read late may show a later frame, never an earlier one. */
function shownAtItsInstant(frame: PresentedFrame): boolean {
  const expected = sourceFrameAt(frame);
  const laterFrames = Math.max(0, Math.floor(frame.readLateMs / FRAME_MS));
  return frame.frameNumber >= expected && frame.frameNumber <= expected + laterFrames;
}

/** Checks a record that crossed `joins` and was to reach `until` (every check is reported, not only the first). */
export function expectSeamless(record: PlaybackRecord, joins: number[], until: number) {
  const { events, frames, samples, buffered } = record;
  expect.soft(samples.at(-1)?.currentTime, 'where playback got to').toBeGreaterThanOrEqual(until);
  // No error, no jump, no wait for data that was not there.
  expect
    .soft(
      events.filter((event) => !decoderWait(event)),
      'media events while it played',
    )
    .toEqual([]);
  // One buffered range runs from where recording began to the end: no hole at a join.
  const from = samples[0]?.currentTime ?? Number.NaN;
  const spanning = buffered.filter(([start, end]) => start <= from && end >= until);
  expect.soft(spanning, `buffered ranges ${JSON.stringify(buffered)}`).toHaveLength(1);

  // The position rises at every look unless the decoder is behind with data buffered, the decoded count
  // never falls, decoding goes on across each join and (almost) no frame is dropped there.
  const stuck = withPrevious(samples).filter(
    ([before, after]) =>
      (after.currentTime <= before.currentTime && before.bufferedAhead < DATA_AHEAD_SECONDS) ||
      after.decodedFrames < before.decodedFrames,
  );
  expect
    .soft(
      stuck.slice(0, 3).map((pair) => pair.map(looked)),
      'looks where playback stood still',
    )
    .toEqual([]);
  for (const join of joins) {
    const { before, after } = looksAround(samples, join, 0.5);
    const { decoded, dropped } = framesBetween(before, after);
    expect.soft(before && after && decoded, `frames decoded across ${join} s`).toBeGreaterThan(0);
    expect.soft(dropped, `frames dropped across ${join} s`).toBeLessThanOrEqual(MAX_DROPPED_AT_JOIN);
  }

  // Every frame shown is the source's frame of its instant (the picture says its number); frames come in
  // order, none missing; and frames are shown on both sides of every join.
  const misplaced = frames.filter((frame) => !shownAtItsInstant(frame));
  expect
    .soft(misplaced.slice(0, 5).map(shown), `frames not of their instant (${misplaced.length})`)
    .toEqual([]);
  // Order and gaps by the frames' instants (a late read's picture may be the frame after).
  const jumps = withPrevious(frames).filter(([before, after]) => {
    const step = sourceFrameAt(after) - sourceFrameAt(before);
    // More source frames than the element presented (one more for a dropped one): frames that never came.
    return step <= 0 || step > Math.max(MAX_FRAME_STEP, after.presentedFrames - before.presentedFrames + 1);
  });
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

/** One line on what a record shows, for the artifacts. */
export function describePlayback(record: PlaybackRecord): string {
  const { frames, samples, events } = record;
  const [first, last] = [samples[0], samples.at(-1)];
  const { decoded, dropped } = framesBetween(first, last);
  const heights = [...new Set(frames.map((frame) => frame.height))].join(' and ');
  const waits = events.filter(decoderWait).length;
  return (
    `${first?.currentTime.toFixed(2)}–${last?.currentTime.toFixed(2)} s at ${heights} px: ` +
    `${frames.length} frames shown, ${decoded} decoded, ${dropped} dropped, ` +
    `${waits} waits for the decoder with data buffered`
  );
}
