import { describe, expect, it } from 'vitest';
import type { Rendition } from '../../src/media/ladder.js';
import { buildMasterPlaylist } from '../../src/media/master-playlist.js';
import { DEFAULT_POLICY } from '../../src/media/transcode-policy.js';

const ladder: Rendition[] = [
  { name: '720p', width: 1280, height: 720, frameRate: 60, maxKbps: 4200, bufferKbits: 8400 },
  { name: '360p', width: 640, height: 360, frameRate: 30, maxKbps: 800, bufferKbits: 1600 },
];

describe('buildMasterPlaylist', () => {
  it('lists every rung from the lightest, sharing one audio rendition', () => {
    expect(buildMasterPlaylist(ladder, true, DEFAULT_POLICY)).toBe(
      [
        '#EXTM3U',
        '#EXT-X-VERSION:7',
        '#EXT-X-INDEPENDENT-SEGMENTS',
        '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",NAME="Default",DEFAULT=YES,AUTOSELECT=YES,CHANNELS="2",' +
          'URI="audio/playlist.m3u8"',
        '#EXT-X-STREAM-INF:BANDWIDTH=928000,RESOLUTION=640x360,CODECS="avc1.64001e,mp4a.40.2",' +
          'FRAME-RATE=30.000,AUDIO="audio"',
        '360p/playlist.m3u8',
        '#EXT-X-STREAM-INF:BANDWIDTH=4328000,RESOLUTION=1280x720,CODECS="avc1.640020,mp4a.40.2",' +
          'FRAME-RATE=60.000,AUDIO="audio"',
        '720p/playlist.m3u8',
        '',
      ].join('\n'),
    );
  });

  it('has no audio group for a silent video', () => {
    const playlist = buildMasterPlaylist(ladder, false, DEFAULT_POLICY);
    expect(playlist).not.toContain('EXT-X-MEDIA');
    expect(playlist).toContain(
      '#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360,CODECS="avc1.64001e",FRAME-RATE=30.000\n',
    );
  });
});
