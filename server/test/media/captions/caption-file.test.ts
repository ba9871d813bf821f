import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.js';
import { type CaptionFormat, parseCaptionFile } from '../../../src/media/captions/caption-file.js';

const file = (...lines: string[]) => Buffer.from(lines.join('\n'));
const parse = (bytes: Buffer, format: CaptionFormat = 'webvtt', duration = 60) =>
  parseCaptionFile(bytes, format, duration);

/** The error a file is refused with: code and message. */
function refusal(bytes: Buffer, format: CaptionFormat = 'webvtt', duration = 60) {
  try {
    parse(bytes, format, duration);
  } catch (error) {
    if (error instanceof DomainError)
      return { status: error.status, code: error.code, message: error.message };
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('a WebVTT file', () => {
  it('gives its cues in order, without identifiers, notes, styles, regions or header metadata', () => {
    const cues = parse(
      file(
        '\uFEFFWEBVTT - a title',
        'Kind: captions',
        '',
        'STYLE',
        '::cue { color: red }',
        '',
        'REGION',
        'id:fred width:40%',
        '',
        'NOTE written by hand',
        '',
        'second',
        '00:00:04.000 --> 00:00:05.500',
        'Second cue',
        '',
        'first',
        '00:01.000 --> 00:03.000',
        'First cue',
        'on two lines',
        '',
      ),
    );
    expect(cues).toEqual([
      { startSeconds: 1, endSeconds: 3, settings: '', text: 'First cue\non two lines' },
      { startSeconds: 4, endSeconds: 5.5, settings: '', text: 'Second cue' },
    ]);
  });

  it('reads CRLF and CR line ends', () => {
    const cues = parse(Buffer.from('WEBVTT\r\n\r\n00:00:01.000 --> 00:00:02.000\r\nHello\rthere\r\n'));
    expect(cues).toEqual([{ startSeconds: 1, endSeconds: 2, settings: '', text: 'Hello\nthere' }]);
  });

  it('keeps valid position, line, align and size settings and drops the rest', () => {
    const [cue] = parse(
      file(
        'WEBVTT',
        '',
        '00:00:01.000 --> 00:00:02.000 align:start line:10% position:20%,line-left size:50% vertical:rl region:fred line:oops',
        'Hi',
      ),
    );
    expect(cue?.settings).toBe('align:start line:10% position:20%,line-left size:50%');
    const [other] = parse(file('WEBVTT', '', '00:00:01.000 --> 00:00:02.000 line:-2,end align:middle', 'Hi'));
    expect(other?.settings).toBe('line:-2,end');
  });

  it('drops a cue whose text is nothing once cleaned', () => {
    const cues = parse(
      file(
        'WEBVTT',
        '',
        '00:00:01.000 --> 00:00:02.000',
        '<font></font>',
        '',
        '00:00:03.000 --> 00:00:04.000',
        'kept',
      ),
    );
    expect(cues.map((cue) => cue.text)).toEqual(['kept']);
  });

  it.each([
    ['an empty file', Buffer.alloc(0), 'Line 1: the file is empty'],
    ['a file of blank lines', file('', '  ', ''), 'Line 1: the file is empty'],
    [
      'SRT sent as WebVTT',
      file('1', '00:00:01,000 --> 00:00:02,000', 'Hi'),
      'Line 1: a WebVTT file must begin with "WEBVTT"',
    ],
    ['a header alone', file('WEBVTT', ''), 'Line 2: the file has no cues'],
    [
      'a broken timestamp',
      file('WEBVTT', '', '00:00:0x.000 --> 00:00:02.000', 'Hi'),
      'Line 3: "00:00:0x.000" is not a timestamp (hh:mm:ss.mmm)',
    ],
    [
      'sixty seconds',
      file('WEBVTT', '', '00:00:60.000 --> 00:01:02.000', 'Hi'),
      'Line 3: "00:00:60.000" is not a timestamp (hh:mm:ss.mmm)',
    ],
    [
      'SRT commas',
      file('WEBVTT', '', '', '00:00:01,000 --> 00:00:02,000', 'Hi'),
      'Line 4: "00:00:01,000" is not a timestamp (hh:mm:ss.mmm)',
    ],
    [
      'an end before the start',
      file('WEBVTT', '', 'cue', '00:00:05.000 --> 00:00:02.000', 'Hi'),
      'Line 4: the cue ends before it starts',
    ],
    [
      'an end at the start',
      file('WEBVTT', '', '00:00:05.000 --> 00:00:05.000', 'Hi'),
      'Line 3: the cue ends before it starts',
    ],
    [
      'text where the timing should be',
      file('WEBVTT', '', 'Hello', 'there'),
      `Line 4: expected a cue's timing line such as "00:00:01.000 --> 00:00:03.000"`,
    ],
    [
      'a cue past the video',
      file('WEBVTT', '', '00:00:59.000 --> 00:01:01.000', 'Hi'),
      "Line 3: the cue ends at 61 s, after the video's end (60 s)",
    ],
    [
      'bytes that are not UTF-8',
      Buffer.from([0x57, 0x45, 0xff, 0xfe, 0x00]),
      'Line 1: the file is not UTF-8 text',
    ],
    ['a binary file', Buffer.from('WEBVTT\n\n\0\0\0'), 'Line 1: the file is not text'],
  ])('refuses %s, naming the line', (_case, bytes, message) => {
    expect(refusal(bytes)).toEqual({ status: 400, code: 'invalid_caption', message });
  });
});

describe('an SRT file', () => {
  it('gives its cues with their numbers dropped and SRT times read', () => {
    const cues = parse(
      file(
        '1',
        '00:00:01,000 --> 00:00:03,000',
        'first cue',
        '',
        '2',
        '00:00:03,500 --> 00:00:04,250',
        '<i>second</i>',
        '',
      ),
      'srt',
    );
    expect(cues).toEqual([
      { startSeconds: 1, endSeconds: 3, settings: '', text: 'first cue' },
      { startSeconds: 3.5, endSeconds: 4.25, settings: '', text: '<i>second</i>' },
    ]);
  });

  it('ignores what follows the times (SRT has no settings)', () => {
    const [cue] = parse(file('1', '00:00:01,000 --> 00:00:03,000 X1:10 X2:20', 'Hi'), 'srt');
    expect(cue?.settings).toBe('');
  });

  it.each([
    [
      'a broken timestamp',
      file('1', '00:00:01,000 --> 00:00:3,000', 'Hi'),
      'Line 2: "00:00:3,000" is not a timestamp (hh:mm:ss,mmm)',
    ],
    [
      'a missing timing line',
      file('1', '00:00:01,000 --> 00:00:03,000', 'Hi', '', '2', 'Hello'),
      `Line 6: expected a cue's timing line such as "00:00:01,000 --> 00:00:03,000"`,
    ],
    [
      'an end before the start',
      file('1', '00:00:04,000 --> 00:00:03,000', 'Hi'),
      'Line 2: the cue ends before it starts',
    ],
    [
      'a file that is not captions',
      file('<html><body>hello</body></html>'),
      `Line 1: expected a cue's timing line such as "00:00:01,000 --> 00:00:03,000"`,
    ],
  ])('refuses %s, naming the line', (_case, bytes, message) => {
    expect(refusal(bytes, 'srt')).toEqual({ status: 400, code: 'invalid_caption', message });
  });
});
