// What the platform makes of an upload: the ladder of rungs and their encoder budgets. Data, passed in.

export interface Rung {
  /** Height of a landscape rendition (the short side, whatever the orientation). */
  shortSide: number;
  /** Video bitrate cap at up to 30 frames per second, in kbit/s. */
  maxKbps: number;
}

export interface TranscodePolicy {
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
  segmentSeconds: number;
  keyframeSeconds: number;
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
  segmentSeconds: 4,
  keyframeSeconds: 2,
  audioKbps: 128,
};
