// The H.264 level a rendition needs, from the standard's limits on macroblocks per frame and per second
// (ITU-T H.264 Table A-1). Set on the encoder and named in the playlist's CODECS, so the two always agree.

interface Level {
  /** level_idc: 31 for level 3.1. */
  idc: number;
  maxFrameMacroblocks: number;
  maxMacroblocksPerSecond: number;
}

const LEVELS: Level[] = [
  { idc: 30, maxFrameMacroblocks: 1_620, maxMacroblocksPerSecond: 40_500 },
  { idc: 31, maxFrameMacroblocks: 3_600, maxMacroblocksPerSecond: 108_000 },
  { idc: 32, maxFrameMacroblocks: 5_120, maxMacroblocksPerSecond: 216_000 },
  { idc: 40, maxFrameMacroblocks: 8_192, maxMacroblocksPerSecond: 245_760 },
  { idc: 42, maxFrameMacroblocks: 8_704, maxMacroblocksPerSecond: 522_240 },
  { idc: 50, maxFrameMacroblocks: 22_080, maxMacroblocksPerSecond: 589_824 },
  { idc: 51, maxFrameMacroblocks: 36_864, maxMacroblocksPerSecond: 983_040 },
  { idc: 52, maxFrameMacroblocks: 36_864, maxMacroblocksPerSecond: 2_073_600 },
];

export function h264Level(width: number, height: number, frameRate: number): number {
  const frameMacroblocks = Math.ceil(width / 16) * Math.ceil(height / 16);
  const perSecond = frameMacroblocks * frameRate;
  const level = LEVELS.find(
    (candidate) =>
      frameMacroblocks <= candidate.maxFrameMacroblocks && perSecond <= candidate.maxMacroblocksPerSecond,
  );
  if (!level) throw new Error(`no H.264 level fits ${width}x${height} at ${frameRate} fps`);
  return level.idc;
}

/** RFC 6381 codec string for High profile at a level, e.g. "avc1.64001f" for level 3.1. */
export function highProfileCodec(levelIdc: number): string {
  return `avc1.6400${levelIdc.toString(16).padStart(2, '0')}`;
}
