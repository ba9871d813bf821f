// The chapters under a video's details: each jumps the player to where it begins.
import { formatDuration } from '../format/format.js';
import type { Chapter } from '../player/chapters.js';

interface ChapterListProps {
  chapters: readonly Chapter[];
  onJump: (seconds: number) => void;
}

export function ChapterList({ chapters, onJump }: ChapterListProps) {
  if (chapters.length === 0) return null;
  return (
    <nav className="chapter-list card" aria-labelledby="chapters-heading">
      <h2 id="chapters-heading">Chapters</h2>
      <ol>
        {chapters.map((chapter) => (
          <li key={chapter.startSeconds}>
            <button type="button" onClick={() => onJump(chapter.startSeconds)}>
              <span className="chapter-start">{formatDuration(chapter.startSeconds)}</span>
              <span>{chapter.title}</span>
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
