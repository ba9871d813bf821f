// Records, inside the page, how the <video> plays for a while: the media events it fires, every frame it
// presents (its media time, its height, and the frame number the picture shows, read from the strip of
// support/frame-numbers.ts), and, every 100 ms and at the end, its position and decoded and dropped frame counts.
import { errors, type Page } from 'playwright-core';
import { FRAME_NUMBER_BITS, STRIP_SHARE } from './frame-numbers.js';

/** Events that must not fire while a stream plays on by itself. */
const TROUBLE_EVENTS = ['waiting', 'stalled', 'error', 'seeking', 'emptied', 'pause', 'ended'];

export interface PresentedFrame {
  /** The frame's presentation time on the element's timeline. */
  mediaTime: number;
  /** The number the picture shows. */
  frameNumber: number;
  /** The rung's height. */
  height: number;
  /** Frames the element has presented so far (some may have had no callback on a busy page). */
  presentedFrames: number;
  /** How long after the frame went on screen the picture was read (a later frame may be showing then). */
  readLateMs: number;
}

export interface PlaybackSample {
  currentTime: number;
  /** Seconds of media buffered ahead of the position. */
  bufferedAhead: number;
  decodedFrames: number;
  droppedFrames: number;
}

export interface TroubleEvent {
  type: string;
  currentTime: number;
  /** Seconds of media buffered ahead of the position then: none when the stream has a hole there. */
  bufferedAhead: number;
}

export interface PlaybackRecord {
  events: TroubleEvent[];
  frames: PresentedFrame[];
  samples: PlaybackSample[];
  /** The buffered ranges at the end, as [start, end] pairs. */
  buffered: [number, number][];
}

interface Recorder {
  recording: boolean;
  record: PlaybackRecord;
  sample: () => void;
  poll?: number;
}

declare global {
  interface Window {
    playbackRecorder?: Recorder;
  }
}

/** Listens to the page's <video> from now on; nothing is kept until `startRecording`. */
export async function installRecorder(page: Page): Promise<void> {
  await page.locator('video').evaluate(
    (video: HTMLVideoElement, { troubleEvents, bits, stripShare }) => {
      const bufferedAhead = () => {
        const { buffered, currentTime } = video;
        for (let index = 0; index < buffered.length; index++) {
          if (buffered.start(index) <= currentTime && currentTime < buffered.end(index))
            return buffered.end(index) - currentTime;
        }
        return 0;
      };
      const recorder: Recorder = {
        recording: false,
        record: { events: [], frames: [], samples: [], buffered: [] },
        sample() {
          const quality = video.getVideoPlaybackQuality();
          recorder.record.samples.push({
            currentTime: video.currentTime,
            bufferedAhead: bufferedAhead(),
            decodedFrames: quality.totalVideoFrames,
            droppedFrames: quality.droppedVideoFrames,
          });
        },
      };
      window.playbackRecorder = recorder;
      for (const type of troubleEvents) {
        video.addEventListener(type, () => {
          if (!recorder.recording) return;
          recorder.record.events.push({
            type,
            currentTime: video.currentTime,
            bufferedAhead: bufferedAhead(),
          });
        });
      }
      // The strip is read from a small copy of the picture: each bit's block at its middle.
      const canvas = document.createElement('canvas');
      canvas.width = 320;
      canvas.height = 180;
      const context = canvas.getContext('2d', { willReadFrequently: true });
      if (!context) throw new Error('no 2D canvas in this browser');
      const row = Math.floor(canvas.height * (1 - stripShare / 2));
      const readFrameNumber = () => {
        context.drawImage(video, 0, 0, canvas.width, canvas.height);
        const pixels = context.getImageData(0, row, canvas.width, 1).data;
        let frameNumber = 0;
        for (let bit = 0; bit < bits; bit++) {
          const x = Math.floor(((bit + 0.5) * canvas.width) / bits);
          if ((pixels[x * 4] ?? 0) > 128) frameNumber += 2 ** bit;
        }
        return frameNumber;
      };
      const onFrame = (_now: number, frame: VideoFrameCallbackMetadata) => {
        if (recorder.recording) {
          const frameNumber = readFrameNumber();
          const readLateMs = performance.now() - frame.expectedDisplayTime;
          const { mediaTime, height, presentedFrames } = frame;
          recorder.record.frames.push({ mediaTime, height, presentedFrames, frameNumber, readLateMs });
        }
        video.requestVideoFrameCallback(onFrame);
      };
      video.requestVideoFrameCallback(onFrame);
    },
    { troubleEvents: TROUBLE_EVENTS, bits: FRAME_NUMBER_BITS, stripShare: STRIP_SHARE },
  );
}

/**
 * Pauses at `from`, waits until the player has buffered through `until` (so no wait for data while it plays
 * can be the network's), plays, and records from just after `from` until the position reaches `until`.
 */
export async function recordPlayback(page: Page, from: number, until: number): Promise<PlaybackRecord> {
  await page.locator('video').evaluate((video: HTMLVideoElement, at) => {
    video.pause();
    video.currentTime = at;
  }, from);
  // A stream with a hole never buffers through: the record then shows the hole.
  await page
    .waitForFunction(
      ([start = 0, end = 0]: number[]) => {
        const video = document.querySelector('video');
        if (!video || video.seeking) return false;
        const { buffered } = video;
        return Array.from({ length: buffered.length }).some(
          (_, index) => buffered.start(index) <= start && buffered.end(index) >= end,
        );
      },
      [from, until],
      { timeout: 20_000 },
    )
    .catch(ignoreTimeout);
  await page.locator('video').evaluate((video: HTMLVideoElement) => video.play());
  await page.waitForFunction((at) => (document.querySelector('video')?.currentTime ?? 0) > at + 0.2, from);
  await startRecording(page);
  // Stuck playback never gets there: the record then says where it got to and what happened.
  await page
    .waitForFunction((at) => (document.querySelector('video')?.currentTime ?? 0) >= at, until, {
      timeout: 30_000,
    })
    .catch(ignoreTimeout);
  return stopRecording(page);
}

function ignoreTimeout(error: unknown) {
  if (!(error instanceof errors.TimeoutError)) throw error;
}

/** Forgets what came before and records from now on. */
async function startRecording(page: Page): Promise<void> {
  await page.evaluate(() => {
    const recorder = window.playbackRecorder;
    if (!recorder) throw new Error('installRecorder first');
    recorder.record = { events: [], frames: [], samples: [], buffered: [] };
    recorder.recording = true;
    recorder.sample();
    recorder.poll = window.setInterval(recorder.sample, 100);
  });
}

/** Stops recording and hands over the record. */
function stopRecording(page: Page): Promise<PlaybackRecord> {
  return page.locator('video').evaluate((video: HTMLVideoElement) => {
    const recorder = window.playbackRecorder;
    if (!recorder) throw new Error('installRecorder first');
    window.clearInterval(recorder.poll);
    recorder.sample();
    recorder.recording = false;
    const { buffered } = video;
    recorder.record.buffered = Array.from({ length: buffered.length }, (_, index) => [
      buffered.start(index),
      buffered.end(index),
    ]);
    return recorder.record;
  });
}
