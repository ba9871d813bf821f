// Reads a caption file (WebVTT or SRT) strictly into cues: a file we cannot read exactly is refused with
// the line where it goes wrong, never half stored. Only the cues' times, their kept settings and their
// cleaned text come out: identifiers, NOTE, STYLE and REGION blocks and the header are dropped.
import { InvalidContent } from '../../domain/errors.js';
import { keptCueSettings } from './cue-settings.js';
import { sanitizeCueText } from './cue-text.js';

export type CaptionFormat = 'webvtt' | 'srt';

export interface Cue {
  startSeconds: number;
  endSeconds: number;
  /** Kept WebVTT cue settings (`align:start line:10%`), or empty. */
  settings: string;
  text: string;
}

interface Block {
  /** 1-based line number of the block's first line in the file. */
  line: number;
  lines: string[];
}

const WEBVTT_TIME = /^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/;
const SRT_TIME = /^(\d{2,}):([0-5]\d):([0-5]\d)[,.](\d{3})$/;
const TIMING = /^(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t]+(.*))?$/;

/** Cues in order of their start, or an `invalid_caption` error naming the line. */
export function parseCaptionFile(bytes: Buffer, format: CaptionFormat, durationSeconds: number): Cue[] {
  const lines = decode(bytes).split('\n');
  if (lines.every((line) => line.trim() === '')) refuse(1, 'the file is empty');
  const cues = format === 'webvtt' ? webVttCues(lines) : srtCues(lines);
  if (cues.length === 0) refuse(lines.length, 'the file has no cues');
  for (const { cue, line } of cues) {
    if (cue.endSeconds > durationSeconds) {
      refuse(line, `the cue ends at ${cue.endSeconds} s, after the video's end (${durationSeconds} s)`);
    }
  }
  return cues
    .map(({ cue }) => cue)
    .filter((cue) => cue.text !== '')
    .sort((a, b) => a.startSeconds - b.startSeconds);
}

function decode(bytes: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    refuse(1, 'the file is not UTF-8 text');
  }
  if (text.includes('\0')) refuse(1, 'the file is not text');
  return text.replace(/\r\n?/g, '\n');
}

function webVttCues(lines: string[]): { cue: Cue; line: number }[] {
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? '')) {
    refuse(1, 'a WebVTT file must begin with "WEBVTT"');
  }
  // The header runs to the first blank line; its metadata is not passed on.
  const [, ...rest] = blocks(lines);
  const cues: { cue: Cue; line: number }[] = [];
  for (const block of rest) {
    const first = block.lines[0] as string;
    if (/^(?:NOTE|STYLE|REGION)(?:[ \t]|$)/.test(first) && !first.includes('-->')) continue;
    // An identifier may come before the timing line.
    const timingAt = first.includes('-->') ? 0 : 1;
    cues.push({ cue: cue(block, timingAt, WEBVTT_TIME, true), line: block.line + timingAt });
  }
  return cues;
}

function srtCues(lines: string[]): { cue: Cue; line: number }[] {
  return blocks(lines).map((block) => {
    // The cue's number, which the format puts first, is not passed on.
    const timingAt = /^\d+$/.test((block.lines[0] as string).trim()) ? 1 : 0;
    return { cue: cue(block, timingAt, SRT_TIME, false), line: block.line + timingAt };
  });
}

function cue(block: Block, timingAt: number, time: RegExp, withSettings: boolean): Cue {
  const line = block.line + timingAt;
  const timing = TIMING.exec((block.lines[timingAt] ?? '').trim());
  if (!timing) {
    const example = withSettings ? '00:00:01.000 --> 00:00:03.000' : '00:00:01,000 --> 00:00:03,000';
    refuse(line, `expected a cue's timing line such as "${example}"`);
  }
  const startSeconds = seconds(timing[1] as string, time, line);
  const endSeconds = seconds(timing[2] as string, time, line);
  if (endSeconds <= startSeconds) refuse(line, 'the cue ends before it starts');
  const text = block.lines
    .slice(timingAt + 1)
    .map(sanitizeCueText)
    .join('\n')
    .trim();
  const settings = withSettings ? keptCueSettings(timing[3] ?? '') : '';
  return { startSeconds, endSeconds, settings, text };
}

function seconds(value: string, pattern: RegExp, line: number): number {
  const parts = pattern.exec(value);
  if (!parts) refuse(line, `"${value}" is not a timestamp (hh:mm:ss${pattern === SRT_TIME ? ',' : '.'}mmm)`);
  const [hours, minutes, whole, millis] = parts.slice(1).map((part) => Number(part ?? 0)) as number[];
  return (hours as number) * 3600 + (minutes as number) * 60 + (whole as number) + (millis as number) / 1000;
}

/** Runs of non-blank lines, each with the number of its first line. */
function blocks(lines: string[]): Block[] {
  const found: Block[] = [];
  let current: Block | undefined;
  lines.forEach((text, index) => {
    if (text.trim() === '') current = undefined;
    else if (current) current.lines.push(text);
    else {
      current = { line: index + 1, lines: [text] };
      found.push(current);
    }
  });
  return found;
}

function refuse(line: number, problem: string): never {
  throw new InvalidContent('invalid_caption', `Line ${line}: ${problem}`);
}
