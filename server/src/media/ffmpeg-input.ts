// The input side of every ffmpeg and ffprobe command, written once, and the check that an argv carries it:
// an upload is read only from a local file, only as a real container, never through another demuxer.
import { ALLOWED_CONTAINERS } from './source-facts.js';

/** An upload on local disk and the container ffprobe recognised in it. */
export interface MediaInput {
  path: string;
  container: string;
  /**
   * The frame size the probe found. The decoder refuses any larger frame later in the file, so a source
   * whose frames grow past what it declared costs no more memory or time than the declaration was
   * allowed (the limits and the compute budget are reckoned from it).
   */
  frame: { width: number; height: number };
  /** Seek before the input (fast: the demuxer jumps, nothing before it is decoded). */
  seekSeconds?: number;
  /** The seek names a timestamp of the file's own clock, not an offset from its first frame. */
  seekToTimestamp?: boolean;
  /** Leave the picture as coded, ignoring a display rotation: the caller turns it itself. */
  keepCodedOrientation?: boolean;
  /**
   * Decode only well enough for small stills: skip the frames no other frame refers to and the
   * deblocking filter (measured: a 1080p storyboard in 15.4 s instead of 28.2 s; at 160 px nothing shows).
   */
  roughDecode?: boolean;
}

/** Quiet, and progress as `key=value` lines on stdout, which the runner reads. */
const FFMPEG_HEAD = ['-hide_banner', '-v', 'error', '-progress', 'pipe:1', '-nostats'];
const PROBE_CONTAINERS = ALLOWED_CONTAINERS.join(',');

/** The start of an ffmpeg argv, up to and including its one input; output options follow. */
export function ffmpegInput(input: MediaInput): string[] {
  return [
    '-nostdin',
    ...FFMPEG_HEAD,
    // Read only as the container ffprobe recognised; "file:" so a name is never another protocol or an option.
    ...['-protocol_whitelist', 'file', '-format_whitelist', input.container, '-f', input.container],
    ...(input.seekToTimestamp ? ['-seek_timestamp', '1'] : []),
    ...(input.seekSeconds === undefined ? [] : ['-ss', input.seekSeconds.toFixed(3)]),
    ...(input.keepCodedOrientation ? ['-noautorotate'] : []),
    ...(input.roughDecode ? ['-skip_frame', 'noref', '-skip_loop_filter', 'all'] : []),
    ...['-max_pixels', String(decodablePixels(input.frame))],
    ...['-i', `file:${input.path}`],
  ];
}

/** The container a live stream reaches ffmpeg in: RTMP's own payload, as FLV. */
export const LIVE_CONTAINER = 'flv';

/**
 * The start of an ffmpeg argv that reads a live stream: FLV written to its stdin by the ingest (never a
 * network URL ffmpeg would open itself), read only as FLV, frames no larger than `frame`.
 */
export function liveInput(frame: { width: number; height: number }): string[] {
  return [
    '-nostdin',
    ...FFMPEG_HEAD,
    ...['-protocol_whitelist', 'pipe', '-format_whitelist', LIVE_CONTAINER, '-f', LIVE_CONTAINER],
    ...['-max_pixels', String(decodablePixels(frame))],
    ...['-i', LIVE_PIPE],
  ];
}

const LIVE_PIPE = 'pipe:0';

/**
 * Pixels a decoder may allocate for a frame of the declared size: decoders round the width, and some the
 * height, up to their alignment (at most 128 here), so that much is allowed on top and no more.
 */
export function decodablePixels(frame: { width: number; height: number }): number {
  const alignUp = (size: number) => Math.ceil(size / DECODER_ALIGNMENT) * DECODER_ALIGNMENT;
  return alignUp(frame.width) * alignUp(frame.height);
}

const DECODER_ALIGNMENT = 128;

/** The end of an ffprobe argv: the input rules, then the file itself. */
export function ffprobeInput(path: string): string[] {
  return [
    '-protocol_whitelist',
    'file',
    // Also applies to nested demuxers, which closes playlists hidden inside containers (AVI GAB2).
    ...['-format_whitelist', PROBE_CONTAINERS],
    // No references to other files from inside a QuickTime/MP4 (data references).
    ...['-enable_drefs', '0', '-use_absolute_path', '0'],
    `file:${path}`,
  ];
}

export class UnsafeMediaInput extends Error {
  constructor(program: string, rule: string) {
    super(`refusing to run ${program}: ${rule}`);
    this.name = 'UnsafeMediaInput';
  }
}

/** Throws `UnsafeMediaInput` naming the first rule an ffmpeg or ffprobe argv breaks. Pure. */
export function checkInputRules(program: 'ffmpeg' | 'ffprobe', argv: readonly string[]): void {
  const rule = program === 'ffmpeg' ? brokenFfmpegRule(argv) : brokenFfprobeRule(argv);
  if (rule) throw new UnsafeMediaInput(program, rule);
}

function brokenFfmpegRule(argv: readonly string[]): string | undefined {
  if (!argv.includes('-nostdin')) return 'it must run with -nostdin';
  const inputs = indexesOf(argv, '-i');
  if (inputs.length !== 1) return 'it must read exactly one input, given with -i';
  const at = inputs[0] as number;
  // ffmpeg applies options to the next file named: the input's are those before its -i.
  const inputSide = argv.slice(0, at);
  // A live stream arrives on stdin: the only input that is not a local file.
  const piped = argv[at + 1] === LIVE_PIPE;
  if (!piped && !argv[at + 1]?.startsWith('file:')) return 'the input must be a "file:" path';
  const protocol = piped ? 'pipe' : 'file';
  if (onlyValue(inputSide, '-protocol_whitelist') !== protocol)
    return `the input must be read with -protocol_whitelist ${protocol}`;
  const forced = onlyValue(inputSide, '-f');
  if (forced === undefined || !ALLOWED_CONTAINERS.includes(forced))
    return 'the input must be forced (-f) to an allowed container';
  if (onlyValue(inputSide, '-format_whitelist') !== forced)
    return 'the input must be read with -format_whitelist equal to its forced container';
  if (!/^[1-9][0-9]*$/.test(onlyValue(inputSide, '-max_pixels') ?? ''))
    return 'the input must be decoded with -max_pixels bounding its frame size';
  return undefined;
}

function brokenFfprobeRule(argv: readonly string[]): string | undefined {
  // ffprobe takes one file, wherever it stands; ours stands last and is the only one.
  if (argv.includes('-i') || !argv.at(-1)?.startsWith('file:'))
    return 'the input must be one "file:" path, last';
  if (onlyValue(argv, '-protocol_whitelist') !== 'file')
    return 'the input must be read with -protocol_whitelist file';
  if (onlyValue(argv, '-format_whitelist') !== PROBE_CONTAINERS)
    return 'the input must be read with -format_whitelist of the allowed containers';
  if (argv.includes('-f')) return 'the input must not be forced to a format';
  if (onlyValue(argv, '-enable_drefs') !== '0') return 'the input must be read with -enable_drefs 0';
  if (onlyValue(argv, '-use_absolute_path') !== '0')
    return 'the input must be read with -use_absolute_path 0';
  return undefined;
}

function indexesOf(argv: readonly string[], option: string): number[] {
  return argv.flatMap((arg, index) => (arg === option ? [index] : []));
}

/** The value of an option given exactly once; undefined when missing or repeated (the last would win). */
function onlyValue(argv: readonly string[], option: string): string | undefined {
  const found = indexesOf(argv, option);
  return found.length === 1 ? argv[(found[0] as number) + 1] : undefined;
}
