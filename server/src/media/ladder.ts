// Plans the rendition ladder from the source's facts: pure, so every rule is checked without ffmpeg.
import { even } from './even-size.js';
import type { SourceFacts, VideoFacts } from './source-facts.js';
import type { Rung, TranscodePolicy } from './transcode-policy.js';

export interface Rendition {
  /** "720p" for a policy rung; the source's own size gets its short side too ("900p"). */
  name: string;
  width: number;
  height: number;
  frameRate: number;
  maxKbps: number;
  bufferKbits: number;
}

/** The size a viewer sees: pixel aspect ratio made square, rotation applied, both sides even. */
export function displaySize(video: VideoFacts): { width: number; height: number } {
  const squareWidth = video.width * video.pixelAspectRatio;
  const turned = video.rotation === 90 || video.rotation === 270;
  return {
    width: even(turned ? video.height : squareWidth),
    height: even(turned ? squareWidth : video.height),
  };
}

/**
 * The display size scaled down (never up), keeping its shape, until its short side is at most the top
 * rung's and its long side at most the policy's: what the ladder is planned from.
 */
export function fitToPolicy(
  display: { width: number; height: number },
  policy: TranscodePolicy,
): { width: number; height: number } {
  const topShortSide = policy.rungs.at(-1)?.shortSide ?? Number.POSITIVE_INFINITY;
  const short = Math.min(display.width, display.height);
  const long = Math.max(display.width, display.height);
  const scale = Math.min(1, topShortSide / short, policy.maxLongSide / long);
  if (scale === 1) return display;
  return { width: even(display.width * scale), height: even(display.height * scale) };
}

export function planLadder(source: SourceFacts, policy: TranscodePolicy): Rendition[] {
  const display = fitToPolicy(displaySize(source.video), policy);
  const sourceShort = Math.min(display.width, display.height);
  const reached = policy.rungs.filter((rung) => rung.shortSide <= sourceShort);
  const top = reached.at(-1);
  const sides = reached.map((rung) => rung.shortSide);
  // Never upscale; a source between two rungs well above the lower one also keeps its own sharpness.
  if (!top || sourceShort >= top.shortSide * policy.ownRungFactor) sides.push(sourceShort);

  return sides.map((shortSide) => {
    const size = scaleToShortSide(display, shortSide);
    const frameRate = capFrameRate(source.video.frameRate, shortSide, policy);
    const baseKbps = bitrateFor(shortSide, policy.rungs);
    const maxKbps = Math.round(frameRate > 30 ? baseKbps * policy.highFrameRateBitrateFactor : baseKbps);
    return { name: `${shortSide}p`, ...size, frameRate, maxKbps, bufferKbits: maxKbps * 2 };
  });
}

function scaleToShortSide(display: { width: number; height: number }, shortSide: number) {
  const landscape = display.width >= display.height;
  const long = landscape ? display.width : display.height;
  const short = landscape ? display.height : display.width;
  const scaledLong = even((long * shortSide) / short);
  return landscape ? { width: scaledLong, height: shortSide } : { width: shortSide, height: scaledLong };
}

function capFrameRate(sourceRate: number, shortSide: number, policy: TranscodePolicy): number {
  const ceiling =
    shortSide < policy.highFrameRateMinShortSide ? policy.lowRungMaxFrameRate : policy.maxFrameRate;
  // Halve (60 → 30, 50 → 25) rather than resample to an uneven rate that would judder.
  let rate = sourceRate;
  while (rate > ceiling + 0.01) rate /= 2;
  return Math.round(rate * 1000) / 1000;
}

/** The policy's cap for a rung, or for a size between rungs the cap scaled by pixel count. */
function bitrateFor(shortSide: number, rungs: Rung[]): number {
  const exact = rungs.find((rung) => rung.shortSide === shortSide);
  if (exact) return exact.maxKbps;
  const below = rungs.filter((rung) => rung.shortSide < shortSide).at(-1) ?? rungs[0];
  if (!below) throw new Error('the transcode policy has no rungs');
  return Math.round(below.maxKbps * (shortSide / below.shortSide) ** 2);
}
