// The volume and mute a viewer chose last time, kept across videos and visits.
import { pageStorage } from './pageStorage.js';

const VOLUME_KEY = 'vidstream.volume';

export function restoreVolume(video: HTMLVideoElement): void {
  const saved = pageStorage()?.getItem(VOLUME_KEY);
  if (!saved) return;
  const { volume, muted } = JSON.parse(saved) as { volume: number; muted: boolean };
  video.volume = Math.min(1, Math.max(0, volume));
  video.muted = muted;
}

export function rememberVolume(video: HTMLVideoElement): void {
  pageStorage()?.setItem(VOLUME_KEY, JSON.stringify({ volume: video.volume, muted: video.muted }));
}
