// In place of the time, for a live stream: a red LIVE while the viewer plays at the live edge; once they
// paused or seeked back, how far behind they are and a "Go live" button that takes them back.
import { formatDuration } from '../format/format.js';
import type { LivePosition } from './livePosition.js';

interface LiveIndicatorProps {
  position: LivePosition;
  onGoLive: () => void;
}

export function LiveIndicator({ position, onGoLive }: LiveIndicatorProps) {
  if (position.atLiveEdge)
    return (
      <span className="live-indicator live-at-edge" title="Playing live">
        LIVE
      </span>
    );
  return (
    <span className="live-behind">
      <span className="live-indicator">LIVE</span>
      <span className="live-delay">{formatBehind(position.behind)}</span>
      <button type="button" className="go-live" onClick={onGoLive}>
        Go live
      </button>
    </span>
  );
}

/** "−12 s" up to a minute, then "−3:05" (a true minus sign). */
function formatBehind(seconds: number): string {
  const whole = Math.round(seconds);
  return `\u2212${whole < 60 ? `${whole} s` : formatDuration(whole)}`;
}
