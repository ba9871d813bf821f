// Plans the one ffmpeg command that decodes the source once and encodes every rung as fMP4 HLS, and the
// one that encodes its audio beside it. Pure: the argv is a function of the source facts, the ladder and
// the policy.
import { AUDIO_RENDITION, INIT_SEGMENT, SEGMENT_PATTERN, VARIANT_PLAYLIST } from '../domain/video-files.js';
import { ffmpegInput } from './ffmpeg-input.js';
import { h264Level } from './h264-level.js';
import type { Rendition } from './ladder.js';
import { type KeyframeRule, keyframeRule } from './segment-grid.js';
import type { SourceFacts, VideoFacts } from './source-facts.js';
import type { TranscodePolicy } from './transcode-policy.js';

export interface TranscodePaths {
  /** The downloaded upload, on local disk. */
  input: string;
  /** Per-job scratch directory; each rung writes `<name>/`, audio `audio/`. */
  outputDir: string;
}

export function buildTranscodeArgs(
  source: SourceFacts,
  ladder: Rendition[],
  policy: TranscodePolicy,
  paths: TranscodePaths,
): string[] {
  const rule = keyframeRule(policy, 0);
  return [
    ...ffmpegInput({ path: paths.input, container: source.container, frame: source.video }),
    '-filter_complex',
    videoFilterGraph(source, ladder),
    ...ladder.flatMap((rendition, index) => videoOutputArgs(rendition, index, policy, rule)),
    ...['-an', '-sn', '-dn'],
    ...hlsOutputArgs({
      outputDir: paths.outputDir,
      streamMap: streamMap(ladder, false),
      hlsTime: rule.hlsTime,
    }),
  ];
}

/**
 * The audio rendition, by a process of its own: in the rungs' process it would come out at the pace of
 * the video (its first segment of 4 s long after the rungs' first of 1 s), and a muxer shared with the
 * rungs would cut it in 1-s segments throughout.
 */
export function buildAudioArgs(
  source: SourceFacts,
  policy: TranscodePolicy,
  paths: TranscodePaths,
): string[] {
  if (!source.audio) throw new Error('the source has no audio to encode');
  return [
    ...ffmpegInput({ path: paths.input, container: source.container, frame: source.video }),
    ...audioOutputArgs(source.audio.streamIndex, policy, paths.outputDir),
  ];
}

/** Where an HLS output goes and how its renditions are named; numbering starts at `firstSegment`. */
export interface HlsOutput {
  outputDir: string;
  streamMap: string;
  /** The muxer's `-hls_time` (segment-grid.ts says where the video's keyframes are). */
  hlsTime: number;
  firstSegment?: number;
  /**
   * Fragments keep the output's own timestamps: each one's decode time is its first frame's presentation
   * time, B-frames sit at negative offsets. By default the muxer starts every output at 0 and puts the
   * real start in an edit list, which HLS players of fMP4 ignore: pieces encoded apart would all start at 0.
   */
  ownTimestamps?: boolean;
  /** Each segment's wall-clock time (`EXT-X-PROGRAM-DATE-TIME`): what live players and latency go by. */
  programDateTime?: boolean;
  /** The init segment's and each rendition's playlist's names, when not the usual ones (a live run's). */
  initName?: string;
  playlistName?: string;
}

/** The HLS muxer's side of a command: fMP4 segments and one playlist per rendition, each in its folder. */
export function hlsOutputArgs(output: HlsOutput): string[] {
  return [
    '-f',
    'hls',
    '-hls_time',
    String(output.hlsTime),
    // Playlists grow as segments close, so a video can be watched while it is encoded; temp_file makes
    // every segment and playlist appear whole (written aside, then renamed).
    '-hls_playlist_type',
    'event',
    '-hls_segment_type',
    'fmp4',
    '-hls_flags',
    `independent_segments+temp_file${output.programDateTime ? '+program_date_time' : ''}`,
    ...(output.firstSegment ? ['-start_number', String(output.firstSegment)] : []),
    ...(output.ownTimestamps ? ['-hls_segment_options', 'movflags=+frag_discont+negative_cts_offsets'] : []),
    '-hls_fmp4_init_filename',
    output.initName ?? INIT_SEGMENT,
    '-hls_segment_filename',
    `${output.outputDir}/%v/${SEGMENT_PATTERN}`,
    '-var_stream_map',
    output.streamMap,
    `${output.outputDir}/%v/${output.playlistName ?? VARIANT_PLAYLIST}`,
  ];
}

/** The one audio rendition, its own HLS output: stereo AAC, from the stream the probe checked. */
export function audioOutputArgs(
  streamIndex: number,
  policy: TranscodePolicy,
  outputDir: string,
  output: Pick<HlsOutput, 'ownTimestamps'> = {},
): string[] {
  return [
    ...['-map', `0:${streamIndex}`, '-c:a', 'aac', '-b:a', `${policy.audioKbps}k`, '-ac', '2'],
    ...['-vn', '-sn', '-dn'],
    ...hlsOutputArgs({
      outputDir,
      streamMap: streamMap([], true),
      hlsTime: policy.segmentSeconds,
      ...output,
    }),
  ];
}

/**
 * One decode; each rung is scaled from the rung above it (cheaper than scaling every rung from the source),
 * made 8-bit 4:2:0 once at the top, and frame-rate capped where its cap starts. Caps only fall down the
 * ladder, so a lower rung inherits the rate of the one above it.
 */
export function videoFilterGraph(
  source: SourceFacts,
  ladder: Rendition[],
  /** Turn the picture here: the input is read with -noautorotate (see ffmpeg-input.ts). */
  turnPicture = false,
  /** Labels of further copies of the decoded, upright picture, for stills made in the same decode. */
  taps: string[] = [],
): string {
  const topDown = ladder.map((rendition, index) => ({ rendition, index })).reverse();
  // The stream the probe checked, by its index: `0:v:0` may be cover art or another track.
  const decoded = `[0:${source.video.streamIndex}]`;
  const orientation = turnPicture ? orientationSteps(source.video.rotation) : [];
  const tapped = taps.length > 0;
  const head = tapped
    ? `${decoded}${[...orientation, `split=${taps.length + 1}`].join(',')}[picture]${taps.map((tap) => `[${tap}]`).join('')};`
    : '';
  let incomingRate = source.video.frameRate;
  return `${head}${topDown
    .map(({ rendition, index }, position) => {
      const first = tapped ? '[picture]' : decoded;
      const input = position === 0 ? first : `[c${topDown[position - 1]?.index}]`;
      const steps = position === 0 && !tapped ? [...orientation] : [];
      if (rendition.frameRate < incomingRate - 0.01) steps.push(`fps=${rendition.frameRate}`);
      incomingRate = rendition.frameRate;
      steps.push(`scale=${rendition.width}:${rendition.height}`, 'setsar=1');
      if (position === 0) steps.push('format=yuv420p');
      const isLowest = position === topDown.length - 1;
      return `${input}${steps.join(',')}${isLowest ? `[v${index}]` : `,split=2[v${index}][c${index}]`}`;
    })
    .join(';')}`;
}

/** The filters that show a picture coded on its side upright, as ffmpeg's autorotation would. */
function orientationSteps(rotation: VideoFacts['rotation']): string[] {
  if (rotation === 90) return ['transpose=clock'];
  if (rotation === 180) return ['hflip', 'vflip'];
  if (rotation === 270) return ['transpose=cclock'];
  return [];
}

export function videoOutputArgs(
  rendition: Rendition,
  index: number,
  policy: TranscodePolicy,
  rule: KeyframeRule,
): string[] {
  const frames = (seconds: number) => String(Math.round(rendition.frameRate * seconds));
  return [
    '-map',
    `[v${index}]`,
    `-c:v:${index}`,
    'libx264',
    `-preset:v:${index}`,
    policy.preset,
    `-profile:v:${index}`,
    'high',
    `-level:v:${index}`,
    (h264Level(rendition.width, rendition.height, rendition.frameRate) / 10).toFixed(1),
    `-crf:v:${index}`,
    String(policy.crf),
    `-maxrate:v:${index}`,
    `${rendition.maxKbps}k`,
    `-bufsize:v:${index}`,
    `${rendition.bufferKbits}k`,
    // Keyframes on the same instants in every rung, and nowhere else, so players can switch at any segment.
    `-force_key_frames:v:${index}`,
    rule.forceKeyFrames,
    `-g:v:${index}`,
    frames(rule.longestSeconds),
    `-keyint_min:v:${index}`,
    frames(rule.shortestSeconds),
    `-sc_threshold:v:${index}`,
    '0',
  ];
}

export function streamMap(ladder: Rendition[], hasAudio: boolean): string {
  const group = hasAudio ? ',agroup:audio' : '';
  const video = ladder.map((rendition, index) => `v:${index}${group},name:${rendition.name}`);
  const audio = hasAudio ? [`a:0,agroup:audio,name:${AUDIO_RENDITION},default:yes`] : [];
  return [...video, ...audio].join(' ');
}
