// What bench:qoe reads of a playing <video>, the same for any player on the page: installed before the
// page's own scripts, it notes the play click (the first click), the first frame after it, and every
// 250 ms the picture's height, the playback position and whether the video is paused.
import type { Drop } from './networks.js';
export interface PlaybackSample {
  /** Milliseconds after the click. */
  at: number;
  height: number;
  position: number;
  paused: boolean;
  ended: boolean;
}

export interface PlaybackRecord {
  /** Milliseconds from the click to the first frame shown after it; 0 while there is none. */
  firstFrameMs: number;
  startHeight: number;
  samples: PlaybackSample[];
}

export const SAMPLE_MS = 250;

/** Runs in the page (serialized by Playwright): keep it self-contained. */
export function installProbe(sampleMs: number): void {
  const record = { clickedAt: 0, firstFrameMs: 0, startHeight: 0, samples: [] as unknown[] };
  (window as unknown as { qoe: typeof record }).qoe = record;
  document.addEventListener(
    'click',
    () => {
      const video = document.querySelector('video');
      if (record.clickedAt || !video) return;
      record.clickedAt = performance.now();
      video.requestVideoFrameCallback(() => {
        record.firstFrameMs = performance.now() - record.clickedAt;
        record.startHeight = video.videoHeight;
      });
      setInterval(() => {
        record.samples.push({
          at: performance.now() - record.clickedAt,
          height: video.videoHeight,
          position: video.currentTime,
          paused: video.paused,
          ended: video.ended,
        });
      }, sampleMs);
    },
    true,
  );
}

export interface Playback {
  firstFrameSeconds: number | undefined;
  startHeight: number;
  stalls: number;
  stalledSeconds: number;
  /** Seconds of playing time at each picture height, after the first frame. */
  secondsAtHeight: Map<number, number>;
  /** After a recovery: seconds until the picture was back at the highest height seen before the drop. */
  backToTopSeconds: number | undefined;
}

/**
 * A stall is a run of samples, after the first frame, in which the position did not move while the video
 * was neither paused nor ended.
 */
export function summarize(record: PlaybackRecord, drop?: Drop): Playback {
  const started = record.firstFrameMs > 0 ? record.firstFrameMs : Number.POSITIVE_INFINITY;
  const samples = record.samples.filter((sample) => sample.at >= started);
  let stalls = 0;
  let stalledSeconds = 0;
  let stalled = false;
  const secondsAtHeight = new Map<number, number>();
  for (let index = 1; index < samples.length; index += 1) {
    const [before, now] = [samples[index - 1] as PlaybackSample, samples[index] as PlaybackSample];
    const seconds = (now.at - before.at) / 1000;
    const stuck = now.position === before.position && !now.paused && !now.ended;
    if (stuck && !stalled) stalls += 1;
    stalled = stuck;
    if (stuck) stalledSeconds += seconds;
    else secondsAtHeight.set(now.height, (secondsAtHeight.get(now.height) ?? 0) + seconds);
  }
  return {
    firstFrameSeconds: record.firstFrameMs > 0 ? record.firstFrameMs / 1000 : undefined,
    startHeight: record.startHeight,
    stalls,
    stalledSeconds,
    secondsAtHeight,
    backToTopSeconds: drop && backToTop(samples, drop),
  };
}

/** The top rung is the highest one played before the drop, on the same network as after the recovery. */
function backToTop(samples: PlaybackSample[], drop: Drop): number | undefined {
  const recovery = drop.recoversAtSeconds * 1000;
  const before = samples.filter((sample) => sample.at < drop.atSeconds * 1000);
  const top = Math.max(0, ...before.map((sample) => sample.height));
  const back = samples.find((sample) => sample.at >= recovery && sample.height >= top);
  return back && (back.at - recovery) / 1000;
}
