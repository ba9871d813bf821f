// The usual ways of making a ladder that bench:transcode measures ours against: one ffmpeg per rung (b), a
// hand-written single command with cascaded scaling (c) and a remux (d). Same audio and packaging as ours,
// and the same input-safety arguments (ffmpeg-input.ts), which the runner insists on and which cost nothing.
import { ffmpegInput } from '../../server/src/media/ffmpeg-input.js';
import { buildTranscodeArgs } from '../../server/src/media/hls-command.js';
import type { Rendition } from '../../server/src/media/ladder.js';
import type { SourceFacts } from '../../server/src/media/source-facts.js';
import { DEFAULT_POLICY } from '../../server/src/media/transcode-policy.js';

/** The same audio encoding and HLS packaging for every baseline, as in the pipeline. */
const AUDIO_ARGS = ['-c:a', 'aac', '-b:a', '128k', '-ac', '2'];
const HLS_ARGS = ['-f', 'hls', '-hls_time', '4', '-hls_playlist_type', 'vod', '-hls_segment_type', 'fmp4'];

/** (b): each rung by its own process (video only), and the audio once more on its own. */
export function perRungCommands(source: SourceFacts, ladder: Rendition[], input: string, out: string) {
  const silent = { ...source, audio: undefined };
  const video = ladder.map((rung) =>
    buildTranscodeArgs(silent, [rung], DEFAULT_POLICY, { input, outputDir: `${out}/${rung.name}` }),
  );
  const audio = [
    ...ffmpegInput({ path: input, container: source.container, frame: source.video }),
    '-vn',
    ...AUDIO_ARGS,
    ...HLS_ARGS,
    `${out}/audio.m3u8`,
  ];
  return [...video, audio];
}

/** (c): one command written by hand, each rung scaled from the one above it (cheaper scaling). */
export function cascadedArgs(source: SourceFacts, ladder: Rendition[], input: string, out: string): string[] {
  const top = [...ladder].reverse();
  const graph = top
    .map((rung, index) => {
      const from = index === 0 ? '[0:v:0]' : `[c${index - 1}]`;
      const scaled = `${from}scale=${rung.width}:${rung.height},setsar=1,format=yuv420p`;
      return index < top.length - 1 ? `${scaled},split=2[o${index}][c${index}]` : `${scaled}[o${index}]`;
    })
    .join(';');
  const outputs = top.flatMap((rung, index) => {
    // A keyframe at each segment start, as ours has past its opening.
    const gop = String(rung.frameRate * DEFAULT_POLICY.segmentSeconds);
    return [
      '-map',
      `[o${index}]`,
      `-c:v:${index}`,
      'libx264',
      `-preset:v:${index}`,
      'veryfast',
      `-crf:v:${index}`,
      '21',
      `-maxrate:v:${index}`,
      `${rung.maxKbps}k`,
      `-bufsize:v:${index}`,
      `${rung.bufferKbits}k`,
      `-force_key_frames:v:${index}`,
      `expr:gte(t,n_forced*${DEFAULT_POLICY.segmentSeconds})`,
      `-g:v:${index}`,
      gop,
      `-sc_threshold:v:${index}`,
      '0',
    ];
  });
  const streamMap = [
    ...top.map((rung, index) => `v:${index},agroup:a,name:${rung.name}`),
    'a:0,agroup:a,name:audio',
  ];
  return [
    ...ffmpegInput({ path: input, container: source.container, frame: source.video }),
    '-filter_complex',
    graph,
    ...outputs,
    '-map',
    '0:a:0',
    ...AUDIO_ARGS,
    ...HLS_ARGS,
    '-hls_segment_filename',
    `${out}/%v/seg-%05d.m4s`,
    '-var_stream_map',
    streamMap.join(' '),
    `${out}/%v/index.m3u8`,
  ];
}

/** The video decoded and thrown away, as every command above decodes it: the cost one decode adds. */
export function decodeOnlyArgs(source: SourceFacts, input: string): string[] {
  return [
    ...ffmpegInput({ path: input, container: source.container, frame: source.video }),
    ...['-map', `0:${source.video.streamIndex}`, '-f', 'null', '-'],
  ];
}

/** (d): the source repackaged without decoding, the I/O floor. */
export function remuxArgs(source: SourceFacts, input: string, out: string): string[] {
  const hls = ['-f', 'hls', '-hls_time', '4', '-hls_segment_type', 'fmp4'];
  return [
    ...ffmpegInput({ path: input, container: source.container, frame: source.video }),
    ...['-c', 'copy', ...hls, `${out}/index.m3u8`],
  ];
}
