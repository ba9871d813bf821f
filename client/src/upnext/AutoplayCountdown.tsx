// Over the player once a video ended: "Up next in 5" with the next video, Cancel and Play now.
import { Play, X } from 'lucide-react';
import type { RefObject } from 'react';
import { upNextFeed, useVideoList } from '../api/feeds.js';
import { useAutoplayCountdown } from './useAutoplayCountdown.js';

interface AutoplayCountdownProps {
  videoId: string;
  /** The element holding the player, whose <video> says when it ended. */
  player: RefObject<HTMLElement | null>;
}

export function AutoplayCountdown({ videoId, player }: AutoplayCountdownProps) {
  const upNext = useVideoList(upNextFeed(videoId));
  const next = upNext.data?.pages[0]?.items[0];
  const { secondsLeft, cancel, playNow } = useAutoplayCountdown(videoId, next, player);
  if (secondsLeft === null || !next) return null;
  return (
    <section className="autoplay-countdown" aria-label="Autoplay">
      <p className="autoplay-next">
        <span role="timer" aria-live="polite">
          Up next in {secondsLeft}
        </span>
        <strong>{next.title}</strong>
        <span className="muted">{next.channel.displayName}</span>
      </p>
      <div className="autoplay-actions">
        <button type="button" onClick={cancel}>
          <X aria-hidden="true" size={18} /> Cancel
        </button>
        <button type="button" className="button-primary" onClick={playNow}>
          <Play aria-hidden="true" size={18} /> Play now
        </button>
      </div>
    </section>
  );
}
