// The live ladder and its one ffmpeg command, planned from what the publisher announced: the publisher's
// H.264 is copied as the top rung only when it already fits the top live rung; everything else is encoded.
import { describe, expect, it } from 'vitest';
import type { LiveSource } from '../../src/domain/live-source.js';
import { buildLiveArgs, DEFAULT_LIVE_LADDER, planLive, resumedPlan } from '../../src/media/live-ladder.js';

const source = (overrides: Partial<LiveSource> = {}): LiveSource => ({
  videoCodec: 'h264',
  width: 1280,
  height: 720,
  frameRate: 30,
  hasAudio: true,
  ...overrides,
});
const rungs = (plan: ReturnType<typeof planLive>) =>
  plan.ladder.map(({ name, width, height, frameRate, copied }) => ({
    name,
    width,
    height,
    frameRate,
    copied,
  }));

describe('planLive', () => {
  it.each([
    [
      '720p30 H.264: copied on top, 360p encoded',
      source(),
      [
        { name: '360p', width: 640, height: 360, frameRate: 30, copied: false },
        { name: '720p', width: 1280, height: 720, frameRate: 30, copied: true },
      ],
    ],
    [
      '1080p H.264: larger than the top rung, so 720p is encoded too',
      source({ width: 1920, height: 1080 }),
      [
        { name: '360p', width: 640, height: 360, frameRate: 30, copied: false },
        { name: '720p', width: 1280, height: 720, frameRate: 30, copied: false },
      ],
    ],
    [
      '720p of another codec: encoded',
      source({ videoCodec: 'other' }),
      [
        { name: '360p', width: 640, height: 360, frameRate: 30, copied: false },
        { name: '720p', width: 1280, height: 720, frameRate: 30, copied: false },
      ],
    ],
    [
      '720p60 H.264: copied at 60 fps, 360p at 30',
      source({ frameRate: 60 }),
      [
        { name: '360p', width: 640, height: 360, frameRate: 30, copied: false },
        { name: '720p', width: 1280, height: 720, frameRate: 60, copied: true },
      ],
    ],
    [
      '360p H.264: one rung, copied',
      source({ width: 640, height: 360 }),
      [{ name: '360p', width: 640, height: 360, frameRate: 30, copied: true }],
    ],
  ])('%s', (_case, announced, expected) => {
    expect(rungs(planLive(announced, DEFAULT_LIVE_LADDER))).toEqual(expected);
  });

  it('tops out at the configured rung', () => {
    const plan = planLive(source({ width: 1920, height: 1080 }), {
      ...DEFAULT_LIVE_LADDER,
      topShortSide: 1080,
    });
    expect(rungs(plan).map(({ name, copied }) => [name, copied])).toEqual([
      ['360p', false],
      ['1080p', true],
    ]);
  });

  it('names every rendition in the master playlist, audio as its own group', () => {
    const { masterPlaylist } = planLive(source(), DEFAULT_LIVE_LADDER);
    expect(masterPlaylist).toContain('URI="audio/playlist.m3u8"');
    expect(masterPlaylist).toContain('RESOLUTION=640x360');
    expect(masterPlaylist).toContain('RESOLUTION=1280x720');
    expect(planLive(source({ hasAudio: false }), DEFAULT_LIVE_LADDER).masterPlaylist).not.toContain('AUDIO');
  });
});

describe('resumedPlan', () => {
  const first = planLive(source(), DEFAULT_LIVE_LADDER);

  it("keeps the first run's ladder and its copied top rung for the same picture", () => {
    expect(resumedPlan(first, source(), DEFAULT_LIVE_LADDER)).toEqual(first);
  });

  it('encodes the top rung from a picture that can no longer be copied into it, at the same size', () => {
    const resumed = resumedPlan(first, source({ width: 1920, height: 1080 }), DEFAULT_LIVE_LADDER);
    expect(resumed.ladder.map(({ name, width, copied }) => ({ name, width, copied }))).toEqual([
      { name: '360p', width: 640, copied: false },
      { name: '720p', width: 1280, copied: false },
    ]);
    expect(resumed.masterPlaylist).toBe(first.masterPlaylist);
  });
});

describe('buildLiveArgs', () => {
  it('reads FLV from stdin, encodes the lower rung, copies the top one and cuts 1-s dated segments', () => {
    expect(buildLiveArgs(planLive(source(), DEFAULT_LIVE_LADDER), '/scratch/live-v1')).toEqual([
      ...['-nostdin', '-hide_banner', '-v', 'error', '-progress', 'pipe:1', '-nostats'],
      ...['-protocol_whitelist', 'pipe', '-format_whitelist', 'flv', '-f', 'flv'],
      ...['-max_pixels', String(3840 * 2176), '-i', 'pipe:0'],
      ...['-filter_complex', '[0:v:0]fps=30,scale=640:360,setsar=1,format=yuv420p[v0]'],
      ...['-map', '[v0]', '-c:v:0', 'libx264', '-preset:v:0', 'veryfast', '-profile:v:0', 'high'],
      ...['-level:v:0', '3.0', '-crf:v:0', '21', '-maxrate:v:0', '800k', '-bufsize:v:0', '1600k'],
      ...['-force_key_frames:v:0', 'expr:gte(t,n_forced*1)', '-g:v:0', '30', '-keyint_min:v:0', '30'],
      ...['-sc_threshold:v:0', '0'],
      ...['-map', '0:v:0', '-c:v:1', 'copy'],
      ...['-map', '0:a:0', '-c:a', 'aac', '-b:a', '128k', '-ac', '2', '-sn', '-dn'],
      ...['-f', 'hls', '-hls_time', '1', '-hls_playlist_type', 'event', '-hls_segment_type', 'fmp4'],
      ...['-hls_flags', 'independent_segments+temp_file+program_date_time'],
      ...['-hls_fmp4_init_filename', 'init-0-%v.mp4'],
      ...['-hls_segment_filename', '/scratch/live-v1/%v/segment-%05d.m4s'],
      '-var_stream_map',
      'v:0,agroup:audio,name:360p v:1,agroup:audio,name:720p a:0,agroup:audio,name:audio,default:yes',
      '/scratch/live-v1/%v/run-0.m3u8',
    ]);
  });

  it('numbers a later run on, with its own init segment and playlists', () => {
    const argv = buildLiveArgs(planLive(source(), DEFAULT_LIVE_LADDER), '/o', { index: 2, firstSegment: 41 });
    expect(argv.slice(argv.indexOf('-start_number'), argv.indexOf('-start_number') + 2)).toEqual([
      '-start_number',
      '41',
    ]);
    expect(argv[argv.indexOf('-hls_fmp4_init_filename') + 1]).toBe('init-2-%v.mp4');
    expect(argv.at(-1)).toBe('/o/%v/run-2.m3u8');
  });

  it('splits the picture once per encoded rung, and takes no audio when there is none', () => {
    const argv = buildLiveArgs(
      planLive(source({ width: 1920, height: 1080, hasAudio: false }), DEFAULT_LIVE_LADDER),
      '/o',
    );
    expect(argv[argv.indexOf('-filter_complex') + 1]).toBe(
      '[0:v:0]split=2[s0][s1];[s0]fps=30,scale=640:360,setsar=1,format=yuv420p[v0];' +
        '[s1]fps=30,scale=1280:720,setsar=1,format=yuv420p[v1]',
    );
    expect(argv).not.toContain('copy');
    expect(argv).toContain('-an');
    expect(argv[argv.indexOf('-var_stream_map') + 1]).toBe('v:0,name:360p v:1,name:720p');
  });
});
