import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, readSourceFacts, UnusableSource } from '../../src/media/source-facts.js';

const videoStream = {
  index: 0,
  codec_type: 'video',
  codec_name: 'h264',
  width: 1920,
  height: 1080,
  avg_frame_rate: '30000/1001',
  pix_fmt: 'yuv420p',
};
const format = { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '12.5', start_time: '0.021333' };

describe('readSourceFacts', () => {
  it('reduces ffprobe output to the facts planning needs', () => {
    const facts = readSourceFacts({
      format,
      streams: [
        videoStream,
        { index: 1, codec_type: 'audio', codec_name: 'aac', channels: 6, sample_rate: '48000' },
      ],
    });
    expect(facts).toEqual({
      container: 'mov',
      startSeconds: 0.021333,
      durationSeconds: 12.5,
      video: {
        streamIndex: 0,
        codec: 'h264',
        width: 1920,
        height: 1080,
        rotation: 0,
        pixelAspectRatio: 1,
        frameRate: 30000 / 1001,
        pixelFormat: 'yuv420p',
      },
      audio: { streamIndex: 1, codec: 'aac', channels: 6, sampleRate: 48000 },
    });
  });

  it.each([
    ['a phone portrait clip (display matrix -90°)', { side_data_list: [{ rotation: -90 }] }, 90],
    ['an upside-down clip', { side_data_list: [{ rotation: 180 }] }, 180],
    ['a display matrix of +90°', { side_data_list: [{ rotation: 90 }] }, 270],
    ['an old rotate tag', { tags: { rotate: '90' } }, 90],
    ['no rotation', {}, 0],
  ])('reads the clockwise rotation of %s', (_case, extra, rotation) => {
    expect(readSourceFacts({ format, streams: [{ ...videoStream, ...extra }] }).video.rotation).toBe(
      rotation,
    );
  });

  it('turns a pixel aspect ratio into a number and ignores a missing one', () => {
    const anamorphic = readSourceFacts({
      format,
      streams: [{ ...videoStream, sample_aspect_ratio: '16:15' }],
    });
    expect(anamorphic.video.pixelAspectRatio).toBeCloseTo(16 / 15);
    const unknown = readSourceFacts({ format, streams: [{ ...videoStream, sample_aspect_ratio: '0:1' }] });
    expect(unknown.video.pixelAspectRatio).toBe(1);
  });

  it('skips cover art to find the real video stream', () => {
    const coverArt = {
      ...videoStream,
      codec_name: 'mjpeg',
      width: 600,
      height: 600,
      disposition: { attached_pic: 1 },
    };
    expect(() => readSourceFacts({ format, streams: [coverArt] })).toThrow(
      'This file holds no moving picture, so it is not a video; upload a video as MP4, MOV, MKV, WebM or AVI',
    );
  });

  it('reads the default moving picture, by its stream index, past cover art and still tracks', () => {
    const cover = { ...videoStream, index: 0, codec_name: 'png', width: 600, height: 600 };
    const still = { ...cover, disposition: { attached_pic: 1 } };
    const real = { ...videoStream, index: 2, width: 320, height: 240, disposition: { default: 1 } };
    const audio = { index: 1, codec_type: 'audio', codec_name: 'aac' };
    const facts = readSourceFacts({ format, streams: [still, audio, real] });
    expect(facts.video).toMatchObject({ streamIndex: 2, width: 320 });
    expect(facts.audio?.streamIndex).toBe(1);
    expect(readSourceFacts({ format, streams: [cover, audio, real] }).video.streamIndex).toBe(2);
  });

  it('counts every video stream in the size check: huge cover art before a tiny video is refused', () => {
    const hugeCover = {
      ...videoStream,
      index: 0,
      codec_name: 'png',
      width: 30_000,
      height: 30_000,
      disposition: { attached_pic: 1 },
    };
    const tiny = { ...videoStream, index: 1, width: 320, height: 240 };
    expect(() => readSourceFacts({ format, streams: [hugeCover, tiny] })).toThrow(
      'A picture in this file (such as cover art) is 30000×30000 pixels; we accept at most 67 megapixels (such as 8192×8192)',
    );
  });

  it('refuses a source over its budget of pixels to decode, saying what would fit', () => {
    const budget = { ...DEFAULT_LIMITS, maxGigapixels: 100 };
    const heavy = { ...videoStream, width: 3840, height: 2160, avg_frame_rate: '60/1' };
    const twoHours = { ...format, duration: String(2 * 3600) };
    expect(() => readSourceFacts({ format: twoHours, streams: [heavy] }, budget)).toThrow(
      'This video is too heavy to process: 3840×2160 at 60 fps for 2 h. At this size and frame rate we accept up to 3 min; upload a shorter, smaller or lower-frame-rate version',
    );
    const short = { ...format, duration: '120' };
    expect(readSourceFacts({ format: short, streams: [heavy] }, budget).durationSeconds).toBe(120);
  });

  it.each([
    [
      'a playlist format',
      { format: { format_name: 'hls', duration: '10' } },
      /not a video in a format we accept/,
    ],
    [
      'a concat list',
      { format: { format_name: 'concat', duration: '10' } },
      /not a video in a format we accept/,
    ],
    [
      'an image sequence',
      { format: { format_name: 'image2', duration: '10' } },
      /not a video in a format we accept/,
    ],
    [
      'an unreadable length',
      { format: { ...format, duration: 'N/A' } },
      /length of this video cannot be read/,
    ],
    [
      'a video over 12 hours',
      { format: { ...format, duration: String(13 * 3600) } },
      /^This video is 13 h long; we accept videos of up to 12 h$/,
    ],
  ])('refuses %s with a message a person can act on', (_case, probe, message) => {
    expect(() => readSourceFacts({ streams: [videoStream], ...probe })).toThrow(message);
  });

  it('refuses too many streams and pictures too large', () => {
    const many = Array.from({ length: DEFAULT_LIMITS.maxStreams + 1 }, () => videoStream);
    expect(() => readSourceFacts({ format, streams: many })).toThrow(UnusableSource);
    expect(() =>
      readSourceFacts({ format, streams: [{ ...videoStream, width: 20_000, height: 20_000 }] }),
    ).toThrow(/^The picture is 20000×20000 pixels; we accept at most 67 megapixels/);
  });
});
