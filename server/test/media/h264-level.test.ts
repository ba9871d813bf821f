import { describe, expect, it } from 'vitest';
import { h264Level, highProfileCodec } from '../../src/media/h264-level.js';

describe('h264Level', () => {
  it.each([
    [426, 240, 30, 30],
    [640, 360, 30, 30],
    [854, 480, 30, 31],
    [1280, 720, 30, 31],
    [1280, 720, 60, 32],
    [1920, 1080, 30, 40],
    [1920, 1080, 60, 42],
    [2560, 1440, 30, 50],
    [2560, 1440, 60, 51],
    [3840, 2160, 30, 51],
    [3840, 2160, 60, 52],
  ])('%ix%i at %i fps needs level_idc %i', (width, height, frameRate, level) => {
    expect(h264Level(width, height, frameRate)).toBe(level);
  });

  it('refuses a size no level allows', () => {
    expect(() => h264Level(8192, 8192, 60)).toThrow(/no H.264 level fits/);
  });
});

describe('highProfileCodec', () => {
  it.each([
    [30, 'avc1.64001e'],
    [31, 'avc1.64001f'],
    [40, 'avc1.640028'],
    [52, 'avc1.640034'],
  ])('level_idc %i → %s', (level, codec) => {
    expect(highProfileCodec(level)).toBe(codec);
  });
});
