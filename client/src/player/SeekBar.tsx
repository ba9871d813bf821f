// The position slider: what has played, what has loaded, gaps where chapters begin, and a storyboard
// thumbnail with the time (and chapter) of the moment under the pointer, or under the finger while it
// slides on a touch screen.
import { type CSSProperties, type PointerEvent, useState } from 'react';
import { useStoryboard } from '../api/storyboards.js';
import { formatDuration } from '../format/format.js';
import { type Chapter, chapterAt } from './chapters.js';
import { tileAt } from './storyboard.js';

interface SeekBarProps {
  currentTime: number;
  bufferedEnd: number;
  duration: number;
  storyboardUrl: string | null;
  chapters: readonly Chapter[];
  onSeek: (seconds: number) => void;
  /** How a moment reads under the pointer and to screen readers (a live stream: how far behind live). */
  timeLabel?: (seconds: number) => string;
}

const percent = (part: number, whole: number) => `${whole ? Math.min(100, (part / whole) * 100) : 0}%`;

export function SeekBar(props: SeekBarProps) {
  const { currentTime, bufferedEnd, duration, storyboardUrl, chapters, onSeek } = props;
  const timeLabel = props.timeLabel ?? formatDuration;
  const [hover, setHover] = useState<{ time: number; left: number } | null>(null);
  // The track is fetched on the first hover: most viewers never look.
  const storyboard = useStoryboard(storyboardUrl, hover !== null);

  function previewUnder(event: PointerEvent<HTMLInputElement>) {
    const box = event.currentTarget.getBoundingClientRect();
    const ratio = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
    setHover({ time: ratio * duration, left: ratio * 100 });
  }
  // A finger has no hover: the preview shows while it touches the bar and goes when it lifts.
  const endTouch = (event: PointerEvent<HTMLInputElement>) => {
    if (event.pointerType === 'touch') setHover(null);
  };

  const tile = hover && storyboard.data ? tileAt(storyboard.data, hover.time) : undefined;
  const chapterNow = chapterAt(chapters, currentTime);
  return (
    <div className="seek-bar">
      {duration > 0 && chapters.length > 0 && (
        <div className="seek-chapter-gaps" aria-hidden="true">
          {chapters.slice(1).map((chapter) => (
            <span key={chapter.startSeconds} style={{ left: percent(chapter.startSeconds, duration) }} />
          ))}
        </div>
      )}
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
          {chapters.length > 0 && (
            <span className="seek-chapter-title">{chapterAt(chapters, hover.time)?.title}</span>
          )}
          <span className="seek-time">{timeLabel(hover.time)}</span>
        </div>
      )}
      <input
        type="range"
        aria-label="Seek"
        aria-valuetext={
          props.timeLabel
            ? timeLabel(currentTime)
            : `${formatDuration(currentTime)} of ${formatDuration(duration)}${chapterNow ? `, ${chapterNow.title}` : ''}`
        }
        min={0}
        max={duration || 0}
        step={0.1}
        value={currentTime}
        onChange={(event) => onSeek(Number(event.target.value))}
        onPointerDown={previewUnder}
        onPointerMove={previewUnder}
        onPointerUp={endTouch}
        onPointerCancel={() => setHover(null)}
        onPointerLeave={() => setHover(null)}
        style={
          {
            '--played': percent(currentTime, duration),
            '--buffered': percent(Math.max(currentTime, bufferedEnd), duration),
          } as CSSProperties
        }
      />
    </div>
  );
}
