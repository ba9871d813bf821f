// The watch page's keyboard shortcuts: space or k play/pause, j/l and ←/→ seek, ↑/↓ volume, f fullscreen,
// m mute. Keys typed into a field, or pressed on another button, keep their usual meaning.
import { type RefObject, useEffect } from 'react';

// Arrow keys on a slider (seek, volume) move the slider itself.
const TYPING = 'input, textarea, select, [contenteditable="true"]';

function shortcutKey(key: string, target: HTMLElement): string {
  // Space on a focused button or link presses it; elsewhere it plays or pauses, like k.
  if (key === ' ') return target.closest('button, a, summary') ? '' : 'k';
  return key.length === 1 ? key.toLowerCase() : key;
}

function seek(video: HTMLVideoElement, seconds: number) {
  video.currentTime = Math.min(Math.max(0, video.currentTime + seconds), video.duration || 0);
}

/** Runs the shortcut for a key; false when the key is not one. */
function runShortcut(key: string, video: HTMLVideoElement, toggleFullscreen: () => void): boolean {
  switch (key) {
    case 'k':
      if (video.paused) void video.play();
      else video.pause();
      return true;
    case 'j':
    case 'l':
      seek(video, key === 'j' ? -10 : 10);
      return true;
    case 'ArrowLeft':
    case 'ArrowRight':
      seek(video, key === 'ArrowLeft' ? -5 : 5);
      return true;
    case 'ArrowUp':
    case 'ArrowDown':
      video.volume = Math.min(1, Math.max(0, video.volume + (key === 'ArrowUp' ? 0.1 : -0.1)));
      return true;
    case 'f':
      toggleFullscreen();
      return true;
    case 'm':
      video.muted = !video.muted;
      return true;
    default:
      return false;
  }
}

export function usePlayerShortcuts(
  videoRef: RefObject<HTMLVideoElement | null>,
  toggleFullscreen: () => void,
) {
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const video = videoRef.current;
      const target = event.target as HTMLElement;
      if (!video || event.ctrlKey || event.metaKey || event.altKey || target.closest(TYPING)) return;
      if (runShortcut(shortcutKey(event.key, target), video, toggleFullscreen)) event.preventDefault();
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [videoRef, toggleFullscreen]);
}
