// When a video ends, counts down to the next one and then opens it, unless the viewer cancels, plays this
// one again or turned autoplay off. An opened page that was reached this way starts playing by itself.
import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { QueuedVideo } from '../playlists/usePlaylistPlayback.js';
import { useAutoplaySetting } from './autoplaySetting.js';
import { useMediaEvent } from './useMediaEvent.js';

export const COUNTDOWN_SECONDS = 5;

/** What the watch page's location carries when autoplay opened it. */
interface AutoplayedState {
  autoplayed: true;
}

export function useAutoplayCountdown(
  videoId: string,
  next: QueuedVideo | undefined,
  player: RefObject<HTMLElement | null>,
) {
  const [autoplay] = useAutoplaySetting();
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const navigate = useNavigate();
  const location = useLocation();
  const cancel = useCallback(() => setSecondsLeft(null), []);
  const playNow = useCallback(() => {
    setSecondsLeft(null);
    if (next) navigate(next.to, { state: { autoplayed: true } satisfies AutoplayedState });
  }, [next, navigate]);

  // In full screen the countdown could not be seen, so nothing starts by itself there.
  useMediaEvent(player, 'ended', () => {
    if (autoplay && next && !document.fullscreenElement) setSecondsLeft(COUNTDOWN_SECONDS);
  });
  useMediaEvent(player, 'play', cancel);
  // Once per video opened by autoplay: the viewer pressed Play on the one before, so the browser lets
  // this one start with sound (where it refuses, the Play button is there).
  const autoStarted = useRef<string | undefined>(undefined);
  useMediaEvent(player, 'canplay', (video) => {
    if (!(location.state as AutoplayedState | null)?.autoplayed || autoStarted.current === videoId) return;
    autoStarted.current = videoId;
    if (video.paused) video.play().catch(() => {});
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: a countdown belongs to the video that ended
  useEffect(cancel, [videoId, autoplay]);

  useEffect(() => {
    if (secondsLeft === null) return;
    if (secondsLeft === 0) return playNow();
    const tick = setTimeout(() => setSecondsLeft(secondsLeft - 1), 1000);
    return () => clearTimeout(tick);
  }, [secondsLeft, playNow]);

  return { secondsLeft, cancel, playNow };
}
