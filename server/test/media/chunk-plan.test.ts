import { describe, expect, it } from 'vitest';
import { planChunks } from '../../src/media/chunk-plan.js';
import { readVariantPlaylist, writeVariantPlaylist } from '../../src/media/variant-playlist.js';

const policy = { minChunkedSeconds: 120, chunkSeconds: 40 };
/** Segments of 4 s after an opening of four 1-s segments. */
const grid = { segmentSeconds: 4, openingSeconds: 4, openingSegmentSeconds: 1 };
const spans = (duration: number, chunkSeconds = 40) =>
  planChunks(duration, grid, { ...policy, chunkSeconds }).map((c) => [c.startSeconds, c.durationSeconds]);

describe('planChunks', () => {
  it('keeps sources shorter than the threshold in one pass', () => {
    expect(planChunks(119.9, grid, policy)).toEqual([]);
  });

  it('cuts whole segments, numbers segments on past the opening, and runs the last chunk to the end', () => {
    // The first chunk holds the four short opening segments and nine long ones.
    expect(planChunks(130, grid, { ...policy, minChunkedSeconds: 60, chunkSeconds: 60 })).toEqual([
      { index: 0, startSeconds: 0, durationSeconds: 60, firstSegment: 0, isLast: false },
      { index: 1, startSeconds: 60, durationSeconds: 70, firstSegment: 18, isLast: true },
    ]);
    const plain = { ...grid, openingSeconds: 0 };
    expect(planChunks(130, plain, policy).map((chunk) => chunk.firstSegment)).toEqual([0, 10, 20, 26, 29]);
  });

  it('never ends a chunk inside the opening', () => {
    const longOpening = { ...grid, openingSeconds: 12 };
    expect(planChunks(130, longOpening, { ...policy, chunkSeconds: 8 })[1]?.startSeconds).toBe(12);
  });

  it('joins a tail shorter than half a chunk to the chunk before, and keeps a longer one', () => {
    const twoChunks = (duration: number) =>
      planChunks(duration, grid, { minChunkedSeconds: 60, chunkSeconds: 60 }).map((c) => [
        c.startSeconds,
        c.durationSeconds,
      ]);
    expect(twoChunks(149.9)).toEqual([
      [0, 60],
      [60, 89.9],
    ]);
    expect(twoChunks(100)).toEqual([
      [0, 60],
      [60, 40],
    ]);
  });

  it('cuts the last chunk in a half, a quarter and the rest, so the last parts taken are short', () => {
    expect(spans(600).slice(-4)).toEqual([
      [520, 40],
      [560, 20],
      [580, 12],
      [592, 8],
    ]);
    expect(spans(130).slice(2)).toEqual([
      [80, 24],
      [104, 12],
      [116, 14],
    ]);
    // Too short to cut into three whole segments: left as it is.
    const short = planChunks(30, grid, { minChunkedSeconds: 10, chunkSeconds: 8 }).at(-1);
    expect([short?.startSeconds, short?.durationSeconds]).toEqual([24, 6]);
  });

  it('chunks 30 and 60 fps sources by their length alone', () => {
    for (const frameRate of [24, 30, 60])
      expect(planChunks(600, grid, policy, frameRate).map((c) => c.startSeconds)).toEqual(
        planChunks(600, grid, policy).map((c) => c.startSeconds),
      );
  });

  it('stretches a sparse source’s chunks by how much sparser it is: a chunk holds the same frames', () => {
    // A 1-fps slideshow of 3 hours: chunks of 24 × 40 s, not 270 jobs of 40 frames each.
    const slideshow = planChunks(3 * 3600, grid, policy, 1);
    expect(slideshow[0]?.durationSeconds).toBe(960);
    expect(slideshow.length).toBeLessThan(15);
    // Two hours at 12 fps hold an hour's worth of 24-fps work: past the threshold, in chunks of 80 s.
    expect(planChunks(7200, grid, policy, 12)[1]?.startSeconds).toBe(80);
    expect(planChunks(239, grid, policy, 12)).toEqual([]);
  });

  it('keeps three frames spread over 11½ hours in one pass, however long it says it is', () => {
    expect(planChunks(41_400, grid, policy, 3 / 41_400)).toEqual([]);
  });

  it('rounds the chunk length to whole segments', () => {
    expect(spans(600, 30).slice(0, 2)).toEqual([
      [0, 32],
      [32, 32],
    ]);
  });

  describe('for the workers free to take them', () => {
    const fleetPolicy = { ...policy, minChunkSeconds: 12 };
    const lengths = (duration: number, workers: number) =>
      planChunks(duration, grid, fleetPolicy, 24, workers).map((chunk) => chunk.durationSeconds);

    it('keeps the longest chunks while there are more of them than workers to take them', () => {
      expect(lengths(600, 1)).toEqual(planChunks(600, grid, policy).map((c) => c.durationSeconds));
      // 15 chunks of 40 s for 4 workers: four rounds of 37.5 s, rounded to 36 s of whole segments.
      expect(lengths(600, 4)[0]).toBe(36);
      expect(lengths(600, 4).length).toBeGreaterThanOrEqual(16);
    });

    it('shares the source out in equal rounds when workers outnumber the longest chunks', () => {
      // 60 minutes on 64 workers: two rounds of 28.125 s, as 128 chunks of 28 or 32 s of whole segments
      // (the last one tapered), not 90 chunks of 40 s (64, then a second round for the 26 left), nor 129
      // chunks of 28 s, more than two rounds hold.
      const hour = lengths(3600, 64);
      expect(hour.slice(0, 127).sort()).toEqual([...Array(124).fill(28), ...Array(3).fill(32)]);
      expect(hour.slice(127)).toEqual([16, 8, 8]);
      // 10 minutes on 16 workers: one round of 37.5 s, as 36 s of whole segments.
      expect(lengths(600, 16)[0]).toBe(36);
    });

    it('never cuts a chunk shorter than the policy’s shortest, however many workers wait', () => {
      const many = lengths(600, 64);
      expect(many[0]).toBe(12);
      expect(Math.min(...many.slice(0, -3))).toBe(12);
      // Without a shortest chunk in the policy, the fleet changes nothing.
      expect(planChunks(600, grid, policy, 24, 64)).toEqual(planChunks(600, grid, policy));
    });

    it('reaches whole segments and every second of the source, with any fleet', () => {
      for (const workers of [2, 3, 7, 16, 64, 500]) {
        const chunks = planChunks(3600, grid, fleetPolicy, 24, workers);
        const last = chunks.at(-1);
        expect((last?.startSeconds ?? 0) + (last?.durationSeconds ?? 0)).toBe(3600);
        for (const chunk of chunks.slice(0, -1)) expect(chunk.durationSeconds % 4, `${workers}`).toBe(0);
      }
    });
  });
});

describe('variant playlists', () => {
  const written = writeVariantPlaylist({
    initUri: 'init_1.mp4',
    segments: [
      { uri: 'segment-00000.m4s', durationSeconds: 4 },
      { uri: 'segment-00001.m4s', durationSeconds: 2.5 },
    ],
    targetSeconds: 4,
    complete: false,
  });

  it('grows as an EVENT playlist until complete, then ends as VOD', () => {
    expect(written).toBe(
      [
        '#EXTM3U',
        '#EXT-X-VERSION:7',
        '#EXT-X-TARGETDURATION:4',
        '#EXT-X-MEDIA-SEQUENCE:0',
        '#EXT-X-PLAYLIST-TYPE:EVENT',
        '#EXT-X-INDEPENDENT-SEGMENTS',
        '#EXT-X-MAP:URI="init_1.mp4"',
        '#EXTINF:4.000000,',
        'segment-00000.m4s',
        '#EXTINF:2.500000,',
        'segment-00001.m4s',
        '',
      ].join('\n'),
    );
    const complete = writeVariantPlaylist({
      ...readVariantPlaylist(written),
      initUri: 'init_1.mp4',
      targetSeconds: 4,
      complete: true,
    });
    expect(complete).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
    expect(complete.endsWith('#EXT-X-ENDLIST\n')).toBe(true);
  });

  it('reads back what it wrote', () => {
    expect(readVariantPlaylist(written)).toEqual({
      initUri: 'init_1.mp4',
      segments: [
        { uri: 'segment-00000.m4s', durationSeconds: 4 },
        { uri: 'segment-00001.m4s', durationSeconds: 2.5 },
      ],
    });
  });

  it('refuses a master playlist or a segment without a duration', () => {
    expect(() => readVariantPlaylist('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\n360p/playlist.m3u8\n')).toThrow(
      /not a media playlist/,
    );
    expect(() => readVariantPlaylist('#EXTM3U\nsegment-00000.m4s\n')).toThrow(/no duration/);
  });
});
