import { describe, expect, it } from 'vitest';
import { chaptersOf } from '../../src/domain/chapters.js';

const described = (...lines: string[]) => lines.join('\n');

describe('chaptersOf', () => {
  it('reads timestamped lines in any of the usual forms, between ordinary text', () => {
    const description = described(
      'A tour of the workshop.',
      '',
      '0:00 Intro',
      '0:45 - The bench',
      '12:03 – Tools: old and new',
      '1:02:03 | Questions',
      'Thanks for watching! See 0:45 again.',
    );
    expect(chaptersOf(description, 4000)).toEqual([
      { startSeconds: 0, title: 'Intro' },
      { startSeconds: 45, title: 'The bench' },
      { startSeconds: 723, title: 'Tools: old and new' },
      { startSeconds: 3723, title: 'Questions' },
    ]);
  });

  it.each([
    ['the first is not at 0:00', ['0:05 Intro', '1:00 Middle', '2:00 End'], 600],
    ['there are fewer than three', ['0:00 Intro', '1:00 End'], 600],
    ['one is shorter than 10 s', ['0:00 Intro', '0:09 Too soon', '2:00 End'], 600],
    ['they are out of order', ['0:00 Intro', '2:00 Later', '1:00 Earlier'], 600],
    ['the last starts within 10 s of the end', ['0:00 Intro', '1:00 Middle', '1:55 End'], 120],
    ['the last starts after the end', ['0:00 Intro', '1:00 Middle', '5:00 End'], 120],
    ['a time has 60 minutes past the hour', ['0:00 Intro', '1:00 Middle', '1:60:00 End'], 9000],
  ])('finds none when %s', (_case, lines, duration) => {
    expect(chaptersOf(described(...lines), duration)).toEqual([]);
  });

  it('takes a bare time for text, not for a chapter without a title', () => {
    const chapters = chaptersOf(described('0:00 Intro', '1:00', '2:00 End', '3:00 Outro'), 600);
    expect(chapters.map((chapter) => chapter.title)).toEqual(['Intro', 'End', 'Outro']);
  });

  it('keeps titles short, and waits for the duration only to check the last chapter', () => {
    const long = 'x'.repeat(300);
    const chapters = chaptersOf(described('0:00 Intro', `1:00 ${long}`, '2:00 End'), null);
    expect(chapters).toHaveLength(3);
    expect(chapters[1]?.title).toHaveLength(100);
  });
});
