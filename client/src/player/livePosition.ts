// Where a live viewer is: the stretch of the stream they may seek in (the DVR window), and how far behind
// the live target they play.
import { formatDuration } from '../format/format.js';
import {
  LIVE_DVR_WINDOW_SECONDS,
  LIVE_EDGE_TOLERANCE_SECONDS,
  LIVE_TARGET_LATENCY_SECONDS,
} from './liveSettings.js';

export interface LivePosition {
  /** The earliest moment the seek bar reaches. */
  windowStart: number;
  /** Where "Go live" lands: the newest moment less the target latency. */
  liveTarget: number;
  /** Seconds behind the live target (0 at it or ahead). */
  behind: number;
  atLiveEdge: boolean;
}

export function livePosition(video: HTMLVideoElement): LivePosition {
  const { seekable, currentTime } = video;
  const last = seekable.length - 1;
  const newest = last >= 0 ? seekable.end(last) : currentTime;
  const earliest = last >= 0 ? seekable.start(0) : 0;
  const liveTarget = Math.max(earliest, newest - LIVE_TARGET_LATENCY_SECONDS);
  const behind = Math.max(0, liveTarget - currentTime);
  return {
    windowStart: Math.max(earliest, newest - LIVE_DVR_WINDOW_SECONDS),
    liveTarget,
    behind,
    atLiveEdge: behind < LIVE_EDGE_TOLERANCE_SECONDS,
  };
}

/** "−12 s" up to a minute, then "−3:05" (a true minus sign). */
export function formatBehindLive(seconds: number): string {
  const whole = Math.round(seconds);
  return `\u2212${whole < 60 ? `${whole} s` : formatDuration(whole)}`;
}
