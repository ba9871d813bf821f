import { describe, expect, it } from 'vitest';
import { sanitizeCueText } from '../../../src/media/captions/cue-text.js';

describe('sanitizeCueText', () => {
  it.each([
    ['plain text', 'Hello there', 'Hello there'],
    ['WebVTT markup', '<b>bold</b> <i>it</i> <u>u</u>', '<b>bold</b> <i>it</i> <u>u</u>'],
    [
      'classes and voices',
      '<c.yellow.big>hi</c> <v Fred Smith>hello</v>',
      '<c.yellow.big>hi</c> <v Fred Smith>hello</v>',
    ],
    [
      'language spans and ruby',
      '<lang ja><ruby>漢<rt>かん</rt></ruby></lang>',
      '<lang ja><ruby>漢<rt>かん</rt></ruby></lang>',
    ],
    ['karaoke timestamps', 'one <00:00:01.500>two', 'one <00:00:01.500>two'],
    ['upper-case tags, normalised', '<B>bold</B>', '<b>bold</b>'],
    ['a voice without a name, dropped', '<v>who</v>', 'who'],
    ['SRT font tags, dropped with their text kept', '<font color="#ff0000">red</font>', 'red'],
    ['HTML, dropped', '<a href="https://evil.example">click</a><img src=x onerror=alert(1)>', 'click'],
    ['scripts, with their content', 'a<script>alert(1)</script>b', 'ab'],
    ['styles, with their content', 'a<style>body{}</style>b', 'ab'],
    ['an unclosed script, to the end', 'a<script>alert(1)', 'a'],
    ['SRT overrides', '{\\an8}top', 'top'],
    ['stray angle brackets', '1 < 2 > 0', '1 &lt; 2 &gt; 0'],
    ['a bare ampersand', 'Tom & Jerry', 'Tom &amp; Jerry'],
    [
      'well-formed references, kept',
      '&amp; &lt; &nbsp; &#233; &#x20AC;',
      '&amp; &lt; &nbsp; &#233; &#x20AC;',
    ],
    ['unknown references, escaped', '&bogus; &#;', '&amp;bogus; &amp;#;'],
    ['an arrow, which would end a cue', 'a --> b', 'a --&gt; b'],
    ['unclosed tags, closed', '<b>open <i>and open', '<b>open <i>and open</i></b>'],
    ['a stray end tag, dropped', 'text</b>', 'text'],
    ['an end tag closing the inner ones', '<b><i>x</b>', '<b><i>x</i></b>'],
    ['an annotation holding markup', '<v <b>Fred>hi</v>', '&lt;v <b>Fred&gt;hi</b>'],
  ])('%s', (_case, text, expected) => {
    expect(sanitizeCueText(text)).toBe(expected);
  });
});
