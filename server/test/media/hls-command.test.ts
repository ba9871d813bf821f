import { describe, expect, it } from 'vitest';
import { buildAudioArgs, buildTranscodeArgs, videoFilterGraph } from '../../src/media/hls-command.js';
import { planLadder } from '../../src/media/ladder.js';
import type { SourceFacts } from '../../src/media/source-facts.js';
import { DEFAULT_POLICY } from '../../src/media/transcode-policy.js';

const source: SourceFacts = {
  container: 'matroska',
  startSeconds: 0,
  durationSeconds: 10,
  video: {
    streamIndex: 0,
    codec: 'vp9',
    width: 854,
    height: 480,
    rotation: 0,
    pixelAspectRatio: 1,
    frameRate: 60,
    pixelFormat: 'yuv420p10le',
  },
  audio: { streamIndex: 1, codec: 'opus', channels: 6, sampleRate: 48_000 },
};
const paths = { input: '/scratch/job-1/source', outputDir: '/scratch/job-1/out' };
/** Keyframes at 0, 1, 2, 3 and 4 s (the short opening segments), then every 4 s. */
const OPENING_THEN_EVERY_4_S = 'expr:gte(t,if(lt(n_forced,4),n_forced*1,4+(n_forced-4)*4))';

describe('buildTranscodeArgs', () => {
  it('decodes once and encodes every rung and one audio rendition, as exact argv', () => {
    const ladder = planLadder(source, DEFAULT_POLICY);
    expect(ladder.map((rendition) => rendition.name)).toEqual(['240p', '360p', '480p']);
    expect(buildTranscodeArgs(source, ladder.slice(0, 2), DEFAULT_POLICY, paths)).toEqual([
      ...['-nostdin', '-hide_banner', '-v', 'error', '-progress', 'pipe:1', '-nostats'],
      ...['-protocol_whitelist', 'file', '-format_whitelist', 'matroska', '-f', 'matroska'],
      // The probed 854×480 at the decoders' 128-pixel alignment (896×512): no larger frame is decoded.
      ...['-max_pixels', '458752'],
      ...['-i', 'file:/scratch/job-1/source'],
      '-filter_complex',
      '[0:0]fps=30,scale=640:360,setsar=1,format=yuv420p,split=2[v1][c1];' + '[c1]scale=428:240,setsar=1[v0]',
      ...[
        '-map',
        '[v0]',
        '-c:v:0',
        'libx264',
        '-preset:v:0',
        'veryfast',
        '-profile:v:0',
        'high',
        '-level:v:0',
        '3.0',
      ],
      ...['-crf:v:0', '21', '-maxrate:v:0', '400k', '-bufsize:v:0', '800k'],
      ...['-force_key_frames:v:0', OPENING_THEN_EVERY_4_S, '-g:v:0', '120', '-keyint_min:v:0', '30'],
      ...['-sc_threshold:v:0', '0'],
      ...[
        '-map',
        '[v1]',
        '-c:v:1',
        'libx264',
        '-preset:v:1',
        'veryfast',
        '-profile:v:1',
        'high',
        '-level:v:1',
        '3.0',
      ],
      ...['-crf:v:1', '21', '-maxrate:v:1', '800k', '-bufsize:v:1', '1600k'],
      ...['-force_key_frames:v:1', OPENING_THEN_EVERY_4_S, '-g:v:1', '120', '-keyint_min:v:1', '30'],
      ...['-sc_threshold:v:1', '0'],
      // The rungs' output: cut at each keyframe.
      ...['-an', '-sn', '-dn', '-f', 'hls', '-hls_time', '1', '-hls_playlist_type', 'event'],
      ...['-hls_segment_type', 'fmp4', '-hls_flags', 'independent_segments+temp_file'],
      ...['-hls_fmp4_init_filename', 'init.mp4'],
      ...['-hls_segment_filename', '/scratch/job-1/out/%v/segment-%05d.m4s'],
      ...['-var_stream_map', 'v:0,name:240p v:1,name:360p', '/scratch/job-1/out/%v/playlist.m3u8'],
    ]);
  });

  it('encodes the audio by a command of its own, in segments of 4 s', () => {
    expect(buildAudioArgs(source, DEFAULT_POLICY, paths)).toEqual([
      ...['-nostdin', '-hide_banner', '-v', 'error', '-progress', 'pipe:1', '-nostats'],
      ...['-protocol_whitelist', 'file', '-format_whitelist', 'matroska', '-f', 'matroska'],
      // The probed 854×480 at the decoders' 128-pixel alignment (896×512): no larger frame is decoded.
      ...['-max_pixels', '458752'],
      ...['-i', 'file:/scratch/job-1/source'],
      ...['-map', '0:1', '-c:a', 'aac', '-b:a', '128k', '-ac', '2'],
      ...['-vn', '-sn', '-dn', '-f', 'hls', '-hls_time', '4', '-hls_playlist_type', 'event'],
      ...['-hls_segment_type', 'fmp4', '-hls_flags', 'independent_segments+temp_file'],
      ...['-hls_fmp4_init_filename', 'init.mp4'],
      ...['-hls_segment_filename', '/scratch/job-1/out/%v/segment-%05d.m4s'],
      ...[
        '-var_stream_map',
        'a:0,agroup:audio,name:audio,default:yes',
        '/scratch/job-1/out/%v/playlist.m3u8',
      ],
    ]);
  });

  it('maps no audio into the rungs, and has no audio command for a silent source', () => {
    const silent = { ...source, audio: undefined };
    const args = buildTranscodeArgs(silent, planLadder(silent, DEFAULT_POLICY), DEFAULT_POLICY, paths);
    expect(args).not.toContain('0:1');
    expect(args[args.indexOf('-var_stream_map') + 1]).toBe('v:0,name:240p v:1,name:360p v:2,name:480p');
    expect(() => buildAudioArgs(silent, DEFAULT_POLICY, paths)).toThrow(/no audio/);
  });

  it('never lets a demuxer other than the probed container read the upload', () => {
    const args = buildTranscodeArgs(source, planLadder(source, DEFAULT_POLICY), DEFAULT_POLICY, paths);
    expect(args.slice(args.indexOf('-format_whitelist'), args.indexOf('-i') + 2)).toEqual([
      '-format_whitelist',
      'matroska',
      '-f',
      'matroska',
      '-max_pixels',
      '458752',
      '-i',
      'file:/scratch/job-1/source',
    ]);
    const inputSide = args.slice(0, args.indexOf('-i') + 2);
    for (const demuxer of ['hls', 'concat', 'image2', 'tty', 'dash'])
      expect(inputSide).not.toContain(demuxer);
  });
});

describe('videoFilterGraph', () => {
  it('scales each rung from the one above, capping the frame rate where the cap begins', () => {
    const at60 = { ...source, video: { ...source.video, width: 1280, height: 720 } };
    expect(videoFilterGraph(at60, planLadder(at60, DEFAULT_POLICY))).toBe(
      [
        '[0:0]scale=1280:720,setsar=1,format=yuv420p,split=2[v3][c3]',
        '[c3]fps=30,scale=854:480,setsar=1,split=2[v2][c2]',
        '[c2]scale=640:360,setsar=1,split=2[v1][c1]',
        '[c1]scale=426:240,setsar=1[v0]',
      ].join(';'),
    );
  });

  it('needs no split for a single rung', () => {
    const tiny = { ...source, video: { ...source.video, width: 320, height: 180, frameRate: 30 } };
    expect(videoFilterGraph(tiny, planLadder(tiny, DEFAULT_POLICY))).toBe(
      '[0:0]scale=320:180,setsar=1,format=yuv420p[v0]',
    );
  });
});
