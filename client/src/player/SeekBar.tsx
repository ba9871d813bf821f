// The position slider; hovering it previews that moment with a storyboard thumbnail and its time.
import { type CSSProperties, type PointerEvent, useState } from 'react';
import { useStoryboard } from '../api/storyboards.js';
import { formatDuration } from '../format/format.js';
import { tileAt } from './storyboard.js';

interface SeekBarProps {
  currentTime: number;
  duration: number;
  storyboardUrl: string | null;
  onSeek: (seconds: number) => void;
}

export function SeekBar({ currentTime, duration, storyboardUrl, onSeek }: SeekBarProps) {
  const [hover, setHover] = useState<{ time: number; left: number } | null>(null);
  // The track is fetched on the first hover: most viewers never look.
  const storyboard = useStoryboard(storyboardUrl, hover !== null);

  function onPointerMove(event: PointerEvent<HTMLInputElement>) {
    const box = event.currentTarget.getBoundingClientRect();
    const ratio = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
    setHover({ time: ratio * duration, left: ratio * 100 });
  }

  const tile = hover && storyboard.data ? tileAt(storyboard.data, hover.time) : undefined;
  return (
    <div className="seek-bar">
      {hover && (
        <div className="seek-preview" style={{ left: `${hover.left}%` }} aria-hidden="true">
          {tile && (
            <span
              className="seek-thumbnail"
              style={{
                width: tile.width,
                height: tile.height,
                backgroundImage: `url("${tile.sheetUrl}")`,
                backgroundPosition: `-${tile.x}px -${tile.y}px`,
              }}
            />
          )}
          <span className="seek-time">{formatDuration(hover.time)}</span>
        </div>
      )}
      <input
        type="range"
        aria-label="Seek"
        aria-valuetext={`${formatDuration(currentTime)} of ${formatDuration(duration)}`}
        min={0}
        max={duration || 0}
        step={0.1}
        value={currentTime}
        onChange={(event) => onSeek(Number(event.target.value))}
        onPointerMove={onPointerMove}
        onPointerLeave={() => setHover(null)}
        style={{ '--played': `${duration ? (currentTime / duration) * 100 : 0}%` } as CSSProperties}
      />
    </div>
  );
}
