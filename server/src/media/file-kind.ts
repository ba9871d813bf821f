// What a file is, from its first bytes (its "magic number"), to tell the owner of a refused upload what
// they sent. Pure and read-only: nothing here parses more than the head of the file.
import { damagedVideo, notAVideo, unrecognisedFile } from './plain-words.js';

/** Enough to recognise every kind below and to judge whether a file is text. */
export const FILE_HEAD_BYTES = 4_096;

interface Kind {
  name: string;
  /** A container we accept: seeing it after ffprobe refused the file means the file is damaged. */
  isVideo?: boolean;
  matches: (head: Buffer) => boolean;
}

const ascii = (head: Buffer, at: number, text: string) =>
  head.subarray(at, at + text.length).toString('latin1') === text;
const bytes = (head: Buffer, at: number, values: number[]) =>
  values.every((value, index) => head[at + index] === value);

const KINDS: Kind[] = [
  { name: 'a PNG image', matches: (h) => bytes(h, 0, [0x89, 0x50, 0x4e, 0x47]) },
  { name: 'a JPEG image', matches: (h) => bytes(h, 0, [0xff, 0xd8, 0xff]) },
  { name: 'a GIF image', matches: (h) => ascii(h, 0, 'GIF8') },
  { name: 'a WebP image', matches: (h) => ascii(h, 0, 'RIFF') && ascii(h, 8, 'WEBP') },
  { name: 'a BMP image', matches: (h) => ascii(h, 0, 'BM') && h.length > 26 && h[26] === 1 },
  { name: 'a TIFF image', matches: (h) => ascii(h, 0, 'II*\0') || ascii(h, 0, 'MM\0*') },
  {
    name: 'a HEIC photo',
    matches: (h) => ascii(h, 4, 'ftyp') && ['heic', 'heix', 'mif1', 'avif'].some((b) => ascii(h, 8, b)),
  },
  { name: 'a WAV sound file', matches: (h) => ascii(h, 0, 'RIFF') && ascii(h, 8, 'WAVE') },
  { name: 'a FLAC sound file', matches: (h) => ascii(h, 0, 'fLaC') },
  // An ID3 tag, or an MPEG audio frame sync (11 set bits) at the very start.
  {
    name: 'an MP3 sound file',
    matches: (h) => ascii(h, 0, 'ID3') || (h[0] === 0xff && ((h[1] ?? 0) & 0xe0) === 0xe0),
  },
  { name: 'a PDF document', matches: (h) => ascii(h, 0, '%PDF') },
  { name: 'a ZIP archive', matches: (h) => bytes(h, 0, [0x50, 0x4b, 0x03, 0x04]) },
  { name: 'a playlist', matches: (h) => ascii(h, 0, '#EXTM3U') || ascii(h, 0, 'ffconcat') },
  {
    name: 'an MP4 or MOV video',
    isVideo: true,
    matches: (h) => ['ftyp', 'moov', 'mdat', 'free', 'wide', 'skip'].some((box) => ascii(h, 4, box)),
  },
  {
    name: 'a Matroska or WebM video',
    isVideo: true,
    matches: (h) => bytes(h, 0, [0x1a, 0x45, 0xdf, 0xa3]),
  },
  { name: 'an AVI video', isVideo: true, matches: (h) => ascii(h, 0, 'RIFF') && ascii(h, 8, 'AVI ') },
  { name: 'an Ogg file', isVideo: true, matches: (h) => ascii(h, 0, 'OggS') },
  { name: 'an FLV video', isVideo: true, matches: (h) => ascii(h, 0, 'FLV') },
  {
    name: 'an MPEG transport stream',
    isVideo: true,
    matches: (h) => h[0] === 0x47 && (h.length <= 188 || h[188] === 0x47),
  },
  { name: 'a text file', matches: isText },
];

/** The sentence for a file ffprobe could not read as any container we accept, from its first bytes. */
export function describeUnreadableFile(head: Buffer): string {
  if (head.length === 0) return notAVideo('an empty file');
  const kind = KINDS.find((candidate) => candidate.matches(head));
  if (!kind) return unrecognisedFile();
  return kind.isVideo ? damagedVideo(kind.name) : notAVideo(kind.name);
}

/** Valid UTF-8 with no control characters but tabs and line ends (a cut multi-byte character at the end is fine). */
function isText(head: Buffer): boolean {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head);
  const body = text.endsWith('\uFFFD') ? text.slice(0, -1) : text;
  for (const character of body) {
    const code = character.codePointAt(0) ?? 0;
    if (code === 0xfffd || code === 0x7f || (code < 0x20 && !TEXT_CONTROLS.has(code))) return false;
  }
  return true;
}

/** Tab, line feed, carriage return: the only control characters text files hold. */
const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0d]);
