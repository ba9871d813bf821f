// Over the player once a video ended: "Up next in 5" with the next video, Cancel and Play now. The next
// video is the playlist's when one plays, else the first of up next.
import { Play, X } from 'lucide-react';
import type { RefObject } from 'react';
import { upNextFeed, useVideoList } from '../api/feeds.js';
import type { QueuedVideo } from '../playlists/usePlaylistPlayback.js';
import { useAutoplayCountdown } from './useAutoplayCountdown.js';

interface AutoplayCountdownProps {
  videoId: string;
  /** The element holding the player, whose <video> says when it ended. */
  player: RefObject<HTMLElement | null>;
  /** What a playing playlist puts next, ahead of up next. */
  queued?: QueuedVideo | undefined;
}

export function AutoplayCountdown({ videoId, player, queued }: AutoplayCountdownProps) {
  const upNext = useVideoList(upNextFeed(videoId));
  const suggested = upNext.data?.pages[0]?.items[0];
  const next = queued ?? (suggested && { video: suggested, to: `/watch/${suggested.id}` });
  const { secondsLeft, cancel, playNow } = useAutoplayCountdown(videoId, next, player);
  if (secondsLeft === null || !next) return null;
  return (
    <section className="autoplay-countdown" aria-label="Autoplay">
      <p className="autoplay-next">
        <span role="timer" aria-live="polite">
          Up next in {secondsLeft}
        </span>
        <strong>{next.video.title}</strong>
        <span className="muted">{next.video.channel.displayName}</span>
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
