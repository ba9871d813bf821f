// A video's chapters (the server reads them from its description): which one a moment falls in.
import type { Video } from '../api/client.js';

export type Chapter = Video['chapters'][number];

/** The chapter playing at `seconds`; undefined for a video without chapters. */
export function chapterAt(chapters: readonly Chapter[], seconds: number): Chapter | undefined {
  return chapters.findLast((chapter) => chapter.startSeconds <= seconds);
}
