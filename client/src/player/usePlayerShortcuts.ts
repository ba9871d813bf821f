// The watch page's keyboard shortcuts: space or k play/pause, j/l and ←/→ seek, ↑/↓ volume, f fullscreen,
// t theatre mode, m mute, c captions on or off. Keys typed into a field, or pressed on another button, keep their usual meaning.
import { type RefObject, useEffect } from 'react';
import { seekBy } from './seekBy.js';

/** What the player does beyond the video element itself. */
export interface ShortcutActions {
  toggleFullscreen: () => void;
  /** Absent where there is no theatre mode (the embed). */
  toggleTheatre?: () => void;
  /** Absent while the video has no captions. */
  toggleCaptions?: () => void;
  /** After any shortcut: the player shows its controls, so the change can be seen. */
  afterShortcut: () => void;
}

// Arrow keys on a slider (seek, volume) move the slider itself.
const TYPING = 'input, textarea, select, [contenteditable="true"]';

function shortcutKey(key: string, target: HTMLElement): string {
  // Space on a focused button or link presses it; elsewhere it plays or pauses, like k.
  if (key === ' ') return target.closest('button, a, summary') ? '' : 'k';
  return key.length === 1 ? key.toLowerCase() : key;
}

/** Runs the shortcut for a key; false when the key is not one. */
function runShortcut(key: string, video: HTMLVideoElement, actions: ShortcutActions): boolean {
  switch (key) {
    case 'k':
      if (video.paused) void video.play();
      else video.pause();
      return true;
    case 'j':
    case 'l':
      seekBy(video, key === 'j' ? -10 : 10);
      return true;
    case 'ArrowLeft':
    case 'ArrowRight':
      seekBy(video, key === 'ArrowLeft' ? -5 : 5);
      return true;
    case 'ArrowUp':
    case 'ArrowDown':
      video.volume = Math.min(1, Math.max(0, video.volume + (key === 'ArrowUp' ? 0.1 : -0.1)));
      return true;
    case 'f':
      actions.toggleFullscreen();
      return true;
    case 't':
      actions.toggleTheatre?.();
      return actions.toggleTheatre !== undefined;
    case 'c':
      actions.toggleCaptions?.();
      return actions.toggleCaptions !== undefined;
    case 'm':
      video.muted = !video.muted;
      return true;
    default:
      return false;
  }
}

/** With no actions the player takes no keys: a mini-player leaves them to the page around it. */
export function usePlayerShortcuts(
  videoRef: RefObject<HTMLVideoElement | null>,
  actions: ShortcutActions | null,
) {
  useEffect(() => {
    if (!actions) return;
    const onKey = (event: KeyboardEvent) => {
      const video = videoRef.current;
      const target = event.target as HTMLElement;
      if (!video || event.ctrlKey || event.metaKey || event.altKey || target.closest(TYPING)) return;
      if (!runShortcut(shortcutKey(event.key, target), video, actions)) return;
      event.preventDefault();
      actions.afterShortcut();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [videoRef, actions]);
}
