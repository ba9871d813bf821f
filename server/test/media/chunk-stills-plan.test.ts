// Which chunk makes which still, and the one decode that writes them: pure, no ffmpeg.
import { describe, expect, it } from 'vitest';
import { buildChunkArgs } from '../../src/media/chunk-commands.js';
import { type Chunk, planChunks } from '../../src/media/chunk-plan.js';
import { chunkThumbnails, holdsPoster, planChunkedStills, stillTaps } from '../../src/media/chunk-stills.js';
import { planLadder } from '../../src/media/ladder.js';
import type { SourceFacts } from '../../src/media/source-facts.js';
import { DEFAULT_STORYBOARD } from '../../src/media/storyboard.js';
import { DEFAULT_POLICY } from '../../src/media/transcode-policy.js';

const landscape = { width: 640, height: 360 };

function madeBy(chunks: Chunk[], durationSeconds: number, policy = DEFAULT_STORYBOARD): number[] {
  const stills = planChunkedStills(durationSeconds, landscape, policy);
  return chunks.flatMap((chunk) => {
    const range = chunkThumbnails(stills, chunk);
    return range ? Array.from({ length: range.last - range.first + 1 }, (_, k) => range.first + k) : [];
  });
}

describe('the stills of each chunk', () => {
  it.each([
    ['an hour, 4-s thumbnails', 3600, DEFAULT_STORYBOARD],
    ['10 minutes, 2-s thumbnails', 600, DEFAULT_STORYBOARD],
    ['a minute and a half, 3-s thumbnails', 90.5, { ...DEFAULT_STORYBOARD, minIntervalSeconds: 3 }],
    ['2 minutes, 5-s thumbnails', 121.7, { ...DEFAULT_STORYBOARD, minIntervalSeconds: 5 }],
  ])('%s: every thumbnail is made once, in order', (_case, duration, policy) => {
    const chunks = planChunks(duration, DEFAULT_POLICY, { minChunkedSeconds: 60, chunkSeconds: 40 });
    expect(chunks.length).toBeGreaterThan(1);
    const { storyboard } = planChunkedStills(duration, landscape, policy);
    expect(madeBy(chunks, duration, policy)).toEqual(
      Array.from({ length: storyboard.thumbnails }, (_, k) => k),
    );
  });

  it('gives a moment on a chunk boundary to the chunk before: its frame is the last before the moment', () => {
    // Thumbnails every 4 s: thumbnail 1's moment is at 6 s, where the second chunk starts.
    const chunks: Chunk[] = [
      { index: 0, startSeconds: 0, durationSeconds: 6, firstSegment: 0, isLast: false },
      { index: 1, startSeconds: 6, durationSeconds: 6, firstSegment: 3, isLast: true },
    ];
    const stills = planChunkedStills(12, landscape, { ...DEFAULT_STORYBOARD, minIntervalSeconds: 4 });
    expect(chunks.map((chunk) => chunkThumbnails(stills, chunk))).toEqual([
      { first: 0, last: 1 },
      { first: 2, last: 2 },
    ]);
  });

  it('makes the poster in the chunk holding its time, once', () => {
    const chunks = planChunks(600, DEFAULT_POLICY, { minChunkedSeconds: 60, chunkSeconds: 40 });
    const stills = planChunkedStills(600, landscape, DEFAULT_STORYBOARD);
    expect(chunks.filter((chunk) => holdsPoster(stills, chunk))).toEqual([chunks[0]]);
    // A chunk holding neither a thumbnail's moment nor the poster needs no copy of the picture.
    const short: Chunk = { index: 2, startSeconds: 10, durationSeconds: 0.5, firstSegment: 5, isLast: false };
    expect(stillTaps({ ...stills, storyboard: { ...stills.storyboard, intervalSeconds: 4 } }, short)).toBe(0);
  });
});

describe('buildChunkArgs with stills', () => {
  const source: SourceFacts = {
    container: 'mov,mp4,m4a,3gp,3g2,mj2',
    durationSeconds: 120,
    startSeconds: 0,
    video: {
      streamIndex: 0,
      codec: 'h264',
      width: 640,
      height: 360,
      rotation: 0,
      pixelAspectRatio: 1,
      frameRate: 30,
      pixelFormat: 'yuv420p',
    },
    audio: undefined,
  };
  const ladder = planLadder(source, DEFAULT_POLICY).slice(-1);
  const stills = planChunkedStills(120, landscape, DEFAULT_STORYBOARD);
  const paths = { piece: '/scratch/chunk-1.mkv', outputDir: '/scratch/out' };

  it('splits the one decode into the rungs and the thumbnails, numbered by their place in the video', () => {
    const chunk: Chunk = { index: 1, startSeconds: 40, durationSeconds: 40, firstSegment: 13, isLast: false };
    const argv = buildChunkArgs(source, ladder, DEFAULT_POLICY, chunk, paths, stills);
    expect(argv[argv.indexOf('-filter_complex') + 1]).toBe(
      '[0:0]split=2[picture][still0];[picture]scale=640:360,setsar=1,format=yuv420p[v0];' +
        '[still0]setpts=PTS+40/TB,fps=1/2,trim=start=40:end=80,scale=160:90,setsar=1[thumbnails]',
    );
    // The stills' output comes after the rungs', so the rungs' -t and timeline offset are not its own.
    expect(argv.slice(argv.indexOf('[thumbnails]') - 1)).toEqual([
      ...['-map', '[thumbnails]', '-fps_mode', 'passthrough', '-frame_pts', '1', '-q:v', '4'],
      ...['-f', 'image2', '/scratch/out/stills/thumbnail-%05d.jpg'],
    ]);
    expect(argv.filter((arg) => arg === '-i')).toHaveLength(1);
  });

  it('adds the poster in the chunk holding its time', () => {
    const chunk: Chunk = { index: 0, startSeconds: 0, durationSeconds: 40, firstSegment: 0, isLast: false };
    const argv = buildChunkArgs(source, ladder, DEFAULT_POLICY, chunk, paths, stills);
    expect(argv[argv.indexOf('-filter_complex') + 1]).toContain(
      '[still1]trim=start=3.000,scale=640:360,setsar=1[poster]',
    );
    expect(argv.slice(-11)).toEqual([
      ...['-map', '[poster]', '-frames:v', '1', '-q:v', '3'],
      ...['-f', 'image2', '-update', '1', '/scratch/out/stills/poster.jpg'],
    ]);
  });
});
