// In place of the time, for a live stream: a red LIVE while the viewer plays at the live edge; once they
// paused or seeked back, how far behind they are and a "Go live" button that takes them back.
import { formatBehindLive, type LivePosition } from './livePosition.js';

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
      <span className="live-delay">{formatBehindLive(position.behind)}</span>
      <button type="button" className="go-live" onClick={onGoLive}>
        Go live
      </button>
    </span>
  );
}
