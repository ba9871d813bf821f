// The playback speed, the quality and the captions a viewer chose last time on this device, kept across
// videos and visits like the volume (rememberedVolume.ts). A quality is kept by its rung's name ("360p"),
// since each video numbers its rungs its own way; a video without that rung plays on Auto. Captions are
// kept by language ("fr"): a video without captions in it plays without.
import { pageStorage } from './pageStorage.js';

const SPEED_KEY = 'vidstream.speed';
const QUALITY_KEY = 'vidstream.quality';
const CAPTIONS_KEY = 'vidstream.captions';

export const SPEEDS = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2];

export function rememberedSpeed(): number {
  const saved = Number(pageStorage()?.getItem(SPEED_KEY));
  return SPEEDS.includes(saved) ? saved : 1;
}

export function rememberSpeed(speed: number): void {
  pageStorage()?.setItem(SPEED_KEY, String(speed));
}

/** The rung chosen by hand, or null for Auto. */
export function rememberedQuality(): string | null {
  return pageStorage()?.getItem(QUALITY_KEY) ?? null;
}

export function rememberQuality(label: string | null): void {
  if (label) pageStorage()?.setItem(QUALITY_KEY, label);
  else pageStorage()?.removeItem(QUALITY_KEY);
}

/** The captions' language chosen last, or null for none. */
export function rememberedCaptions(): string | null {
  return pageStorage()?.getItem(CAPTIONS_KEY) ?? null;
}

export function rememberCaptions(language: string | null): void {
  if (language) pageStorage()?.setItem(CAPTIONS_KEY, language);
  else pageStorage()?.removeItem(CAPTIONS_KEY);
}
