import { describe, expect, it } from 'vitest';
import { h264Level } from '../../src/media/h264-level.js';
import { displaySize, fitToPolicy, planLadder } from '../../src/media/ladder.js';
import type { SourceFacts, VideoFacts } from '../../src/media/source-facts.js';
import { DEFAULT_POLICY } from '../../src/media/transcode-policy.js';
import { probedSource } from '../support/probed-sources.js';

/** "WxH@fps" for each planned rendition: one glance shows the whole ladder. */
const ladderOf = (facts: SourceFacts) =>
  planLadder(facts, DEFAULT_POLICY).map((r) => `${r.name} ${r.width}x${r.height}@${r.frameRate}`);

describe('planLadder', () => {
  it.each<[string, Partial<VideoFacts>, string[]]>([
    [
      'landscape 1080p30',
      {},
      ['240p 426x240@30', '360p 640x360@30', '480p 854x480@30', '720p 1280x720@30', '1080p 1920x1080@30'],
    ],
    [
      'portrait 1080x1920, by its short side',
      { width: 1080, height: 1920 },
      ['240p 240x426@30', '360p 360x640@30', '480p 480x854@30', '720p 720x1280@30', '1080p 1080x1920@30'],
    ],
    [
      'a phone clip stored landscape with a 90° rotation',
      { width: 1280, height: 720, rotation: 90 },
      ['240p 240x426@30', '360p 360x640@30', '480p 480x854@30', '720p 720x1280@30'],
    ],
    [
      'an odd-sized source rounded to even sizes',
      { width: 1279, height: 719 },
      ['240p 426x240@30', '360p 640x360@30', '480p 854x480@30', '720p 1280x720@30'],
    ],
    ['a tiny source below 240p, kept at its own size', { width: 320, height: 180 }, ['180p 320x180@30']],
    ['a source just above a rung, not upscaled', { width: 444, height: 250 }, ['240p 426x240@30']],
    [
      'a source well between two rungs keeps its own size too',
      { width: 1600, height: 900 },
      ['240p 426x240@30', '360p 640x360@30', '480p 854x480@30', '720p 1280x720@30', '900p 1600x900@30'],
    ],
    [
      'anamorphic PAL (16:15 pixels) made square',
      { width: 720, height: 576, pixelAspectRatio: 16 / 15 },
      ['240p 320x240@25', '360p 480x360@25', '480p 640x480@25', '576p 768x576@25'],
    ],
    [
      '60 fps kept from 720p up, halved below',
      { frameRate: 60 },
      ['240p 426x240@30', '360p 640x360@30', '480p 854x480@30', '720p 1280x720@60', '1080p 1920x1080@60'],
    ],
    [
      '120 fps capped at 60',
      { width: 1280, height: 720, frameRate: 120 },
      ['240p 426x240@30', '360p 640x360@30', '480p 854x480@30', '720p 1280x720@60'],
    ],
    [
      'NTSC 59.94 halved to 29.97',
      { width: 854, height: 480, frameRate: 60_000 / 1001 },
      ['240p 428x240@29.97', '360p 640x360@29.97', '480p 854x480@29.97'],
    ],
  ])('%s', (_case, video, expected) => {
    const facts = probedSource({ frameRate: video.pixelAspectRatio ? 25 : 30, ...video });
    expect(ladderOf(facts)).toEqual(expected);
  });

  it('plans every rung for 2160p and never more', () => {
    expect(ladderOf(probedSource({ width: 3840, height: 2160 })).map((rung) => rung.split(' ')[0])).toEqual([
      '240p',
      '360p',
      '480p',
      '720p',
      '1080p',
      '1440p',
      '2160p',
    ]);
  });

  it.each<[string, Partial<VideoFacts>, string]>([
    ['8K landscape, scaled down into the ladder', { width: 7680, height: 4320 }, '2160p 3840x2160@30'],
    [
      '6K phone portrait, stored landscape',
      { width: 6144, height: 3456, rotation: 90 },
      '2160p 2160x3840@30',
    ],
    ['a square 4000×4000 picture', { width: 4000, height: 4000 }, '2160p 2160x2160@30'],
    ['DCI 4K, fitted by its long side', { width: 4096, height: 2160 }, '2026p 3840x2026@30'],
    ['a very tall strip, fitted by its long side', { width: 1080, height: 7680 }, '480p 480x3414@30'],
    ['8K at 120 fps', { width: 7680, height: 4320, frameRate: 120 }, '2160p 3840x2160@60'],
  ])('tops out at 2160p and 3840 pixels for %s', (_case, video, top) => {
    const ladder = ladderOf(probedSource(video));
    expect(ladder.at(-1)).toBe(top);
    for (const rung of planLadder(probedSource(video), DEFAULT_POLICY)) {
      expect(Math.min(rung.width, rung.height)).toBeLessThanOrEqual(2160);
      expect(Math.max(rung.width, rung.height)).toBeLessThanOrEqual(3840);
    }
  });

  it('plans only rungs an H.264 level browsers decode (5.2 at most) allows, for any source we accept', () => {
    for (const width of [320, 1920, 3840, 4000, 5760, 7680, 8192])
      for (const height of [240, 1080, 2160, 4000, 4320, 8192])
        for (const frameRate of [24, 30, 60, 120, 240]) {
          for (const rung of planLadder(probedSource({ width, height, frameRate }), DEFAULT_POLICY)) {
            expect(h264Level(rung.width, rung.height, rung.frameRate)).toBeLessThanOrEqual(52);
          }
        }
  });

  it('keeps the aspect ratio when it fits a source to the policy', () => {
    expect(fitToPolicy({ width: 7680, height: 4320 }, DEFAULT_POLICY)).toEqual({ width: 3840, height: 2160 });
    expect(fitToPolicy({ width: 1920, height: 1080 }, DEFAULT_POLICY)).toEqual({ width: 1920, height: 1080 });
    const tall = fitToPolicy({ width: 1080, height: 7680 }, DEFAULT_POLICY);
    expect(tall).toEqual({ width: 540, height: 3840 });
  });

  it('caps bitrates per rung, raised for high frame rates and scaled for in-between sizes', () => {
    const at30 = planLadder(probedSource({}), DEFAULT_POLICY);
    expect(at30.map((r) => [r.maxKbps, r.bufferKbits])).toEqual([
      [400, 800],
      [800, 1600],
      [1400, 2800],
      [2800, 5600],
      [5000, 10000],
    ]);
    const at60 = planLadder(probedSource({ frameRate: 60 }), DEFAULT_POLICY);
    expect(at60.map((r) => r.maxKbps)).toEqual([400, 800, 1400, 4200, 7500]);
    const ownSize = planLadder(probedSource({ width: 1600, height: 900 }), DEFAULT_POLICY).at(-1);
    expect(ownSize?.maxKbps).toBe(Math.round(2800 * (900 / 720) ** 2));
  });
});

describe('displaySize', () => {
  it.each<[Partial<VideoFacts>, { width: number; height: number }]>([
    [
      { width: 1920, height: 1080 },
      { width: 1920, height: 1080 },
    ],
    [
      { width: 1920, height: 1080, rotation: 270 },
      { width: 1080, height: 1920 },
    ],
    [
      { width: 1920, height: 1080, rotation: 180 },
      { width: 1920, height: 1080 },
    ],
    [
      { width: 1440, height: 1080, pixelAspectRatio: 4 / 3 },
      { width: 1920, height: 1080 },
    ],
    [
      { width: 321, height: 241 },
      { width: 322, height: 242 },
    ],
  ])('%o → %o', (video, expected) => {
    expect(displaySize(probedSource(video).video)).toEqual(expected);
  });
});
