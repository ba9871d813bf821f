// What the platform makes of an upload: the ladder of rungs and their encoder budgets. Data, passed in.
import type { SegmentGrid } from './segment-grid.js';

export interface Rung {
  /** Height of a landscape rendition (the short side, whatever the orientation). */
  shortSide: number;
  /** Video bitrate cap at up to 30 frames per second, in kbit/s. */
  maxKbps: number;
}

export interface TranscodePolicy extends SegmentGrid {
  /** Lowest first; the last is the highest any ladder reaches (a larger source is scaled down to it). */
  rungs: Rung[];
  /** No rendition's long side exceeds this: very tall or wide sources fit by their long side. */
  maxLongSide: number;
  /** A source this many times above the highest rung it reaches also gets a rung of its own size. */
  ownRungFactor: number;
  /** Frame rate ceiling for every rung, and for rungs below `highFrameRateMinShortSide`. */
  maxFrameRate: number;
  lowRungMaxFrameRate: number;
  highFrameRateMinShortSide: number;
  /** Multiplier on the bitrate cap of a rung encoded above 30 fps. */
  highFrameRateBitrateFactor: number;
  crf: number;
  preset: string;
  audioKbps: number;
}

export const DEFAULT_POLICY: TranscodePolicy = {
  rungs: [
    { shortSide: 240, maxKbps: 400 },
    { shortSide: 360, maxKbps: 800 },
    { shortSide: 480, maxKbps: 1_400 },
    { shortSide: 720, maxKbps: 2_800 },
    { shortSide: 1080, maxKbps: 5_000 },
    { shortSide: 1440, maxKbps: 10_000 },
    { shortSide: 2160, maxKbps: 18_000 },
  ],
  // 3840×2160 at 60 fps is H.264 level 5.2, the most browsers decode; 6K/8K sources come down to it.
  maxLongSide: 3840,
  ownRungFactor: 1.2,
  maxFrameRate: 60,
  lowRungMaxFrameRate: 30,
  highFrameRateMinShortSide: 720,
  highFrameRateBitrateFactor: 1.5,
  crf: 21,
  preset: 'veryfast',
  // A player starts after one second of the ladder is encoded (measured: 2.1 s on one core for a 1080p
  // source's five rungs, against 7.3 s for a first segment of 4 s).
  segmentSeconds: 4,
  openingSeconds: 4,
  openingSegmentSeconds: 1,
  audioKbps: 128,
};
