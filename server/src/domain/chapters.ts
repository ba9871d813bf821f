// Chapters, read from a video's description the way creators are used to writing them: lines that
// begin with a timestamp ("0:00 Intro", "1:05:30 - The end"), the first at 0:00, at least three, each at
// least 10 s long and in order. Anything else is an ordinary description with no chapters: a stray time
// in the text must not cut the seek bar into pieces.

export interface Chapter {
  startSeconds: number;
  title: string;
}

const MIN_CHAPTERS = 3;
const MIN_CHAPTER_SECONDS = 10;
const MAX_TITLE_LENGTH = 100;
/** `m:ss`, `mm:ss` or `h:mm:ss` at the start of a line, then a separator and the title. */
const CHAPTER_LINE = /^(?:(\d{1,2}):)?(\d{1,2}):([0-5]\d)(?:\s*[-–—:|]\s*|\s+)(\S.*)$/;

/** The chapters `description` declares for a video `durationSeconds` long (null: not known yet). */
export function chaptersOf(description: string, durationSeconds: number | null): Chapter[] {
  const chapters: Chapter[] = [];
  for (const line of description.split('\n')) {
    const match = CHAPTER_LINE.exec(line.trim());
    if (!match) continue;
    const [, hours, minutes = '0', seconds = '0', title = ''] = match;
    if (hours !== undefined && Number(minutes) > 59) return [];
    const startSeconds = Number(hours ?? 0) * 3600 + Number(minutes) * 60 + Number(seconds);
    chapters.push({ startSeconds, title: title.trim().slice(0, MAX_TITLE_LENGTH) });
  }
  return wellFormed(chapters, durationSeconds) ? chapters : [];
}

function wellFormed(chapters: Chapter[], durationSeconds: number | null): boolean {
  if (chapters.length < MIN_CHAPTERS || chapters[0]?.startSeconds !== 0) return false;
  const ends = [...chapters.slice(1).map((chapter) => chapter.startSeconds), durationSeconds ?? Infinity];
  return chapters.every((chapter, index) => (ends[index] ?? 0) - chapter.startSeconds >= MIN_CHAPTER_SECONDS);
}
