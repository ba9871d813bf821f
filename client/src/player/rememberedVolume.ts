// The volume and mute a viewer chose last time, kept across videos and visits. Where the page may not
// use storage (an embed framed by another site, with third-party storage blocked) nothing is kept.
const VOLUME_KEY = 'vidstream.volume';

/** The page's storage, or null where reading it is refused (it throws a SecurityError). */
function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function restoreVolume(video: HTMLVideoElement): void {
  const saved = storage()?.getItem(VOLUME_KEY);
  if (!saved) return;
  const { volume, muted } = JSON.parse(saved) as { volume: number; muted: boolean };
  video.volume = Math.min(1, Math.max(0, volume));
  video.muted = muted;
}

export function rememberVolume(video: HTMLVideoElement): void {
  storage()?.setItem(VOLUME_KEY, JSON.stringify({ volume: video.volume, muted: video.muted }));
}
