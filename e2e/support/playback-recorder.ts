// Records, inside the page, how the <video> plays for a while: the media events it fires, every frame it
// presents (its media time, its height, and the frame number the picture shows, read from the strip of
// support/frame-numbers.ts), and, every 100 ms and at the end, its position and decoded and dropped frame counts.
import type { Page } from 'playwright-core';
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
}

export interface PlaybackSample {
  currentTime: number;
  decodedFrames: number;
  droppedFrames: number;
}

export interface PlaybackRecord {
  events: { type: string; currentTime: number }[];
  frames: PresentedFrame[];
  samples: PlaybackSample[];
  /** The buffered ranges at the end, as [start, end] pairs. */
  buffered: [number, number][];
}

interface Recorder {
  recording: boolean;
  record: PlaybackRecord;
  /** Adds a sample of position and frame counts. */
  sample?: () => void;
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
      const recorder: Recorder = {
        recording: false,
        record: { events: [], frames: [], samples: [], buffered: [] },
      };
      window.playbackRecorder = recorder;
      for (const type of troubleEvents) {
        video.addEventListener(type, () => {
          if (recorder.recording) recorder.record.events.push({ type, currentTime: video.currentTime });
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
          const { mediaTime, height } = frame;
          recorder.record.frames.push({ mediaTime, height, frameNumber: readFrameNumber() });
        }
        video.requestVideoFrameCallback(onFrame);
      };
      video.requestVideoFrameCallback(onFrame);
    },
    { troubleEvents: TROUBLE_EVENTS, bits: FRAME_NUMBER_BITS, stripShare: STRIP_SHARE },
  );
}

/** Forgets what came before and records from now on. */
export async function startRecording(page: Page): Promise<void> {
  await page.locator('video').evaluate((video: HTMLVideoElement) => {
    const recorder = window.playbackRecorder;
    if (!recorder) throw new Error('installRecorder first');
    recorder.record = { events: [], frames: [], samples: [], buffered: [] };
    recorder.recording = true;
    recorder.sample = () => {
      const quality = video.getVideoPlaybackQuality();
      recorder.record.samples.push({
        currentTime: video.currentTime,
        decodedFrames: quality.totalVideoFrames,
        droppedFrames: quality.droppedVideoFrames,
      });
    };
    recorder.sample();
    recorder.poll = window.setInterval(recorder.sample, 100);
  });
}

/** Stops recording and hands over the record. */
export function stopRecording(page: Page): Promise<PlaybackRecord> {
  return page.locator('video').evaluate((video: HTMLVideoElement) => {
    const recorder = window.playbackRecorder;
    if (!recorder) throw new Error('installRecorder first');
    window.clearInterval(recorder.poll);
    recorder.sample?.();
    recorder.recording = false;
    const { buffered } = video;
    recorder.record.buffered = Array.from({ length: buffered.length }, (_, index) => [
      buffered.start(index),
      buffered.end(index),
    ]);
    return recorder.record;
  });
}
