import { describe, expect, it } from 'vitest';
import {
  withSubtitles,
  writeCaptionPlaylist,
  writeCaptionTrack,
} from '../../../src/media/captions/caption-playlists.js';

const MASTER = [
  '#EXTM3U',
  '#EXT-X-VERSION:7',
  '#EXT-X-INDEPENDENT-SEGMENTS',
  '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",NAME="Default",DEFAULT=YES,AUTOSELECT=YES,CHANNELS="2",URI="audio/playlist.m3u8"',
  '#EXT-X-STREAM-INF:BANDWIDTH=928000,RESOLUTION=640x360,CODECS="avc1.64001e,mp4a.40.2",FRAME-RATE=30.000,AUDIO="audio"',
  '360p/playlist.m3u8',
  '#EXT-X-STREAM-INF:BANDWIDTH=2928000,RESOLUTION=1280x720,CODECS="avc1.64001f,mp4a.40.2",FRAME-RATE=30.000,AUDIO="audio"',
  '720p/playlist.m3u8',
  '',
].join('\n');
const english = { language: 'en', label: 'English', playlistUri: 'captions/en.m3u8' };
const french = { language: 'fr', label: 'Français', playlistUri: 'captions/fr.m3u8' };

describe('writeCaptionTrack', () => {
  it('writes WebVTT mapped to the start of the media timeline, with hh:mm:ss.mmm times', () => {
    const cues = [
      { startSeconds: 1, endSeconds: 3, settings: '', text: 'first cue' },
      { startSeconds: 3661.5, endSeconds: 3662.25, settings: 'align:start', text: '<i>later</i>' },
    ];
    expect(writeCaptionTrack(cues, 0)).toBe(
      'WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000\n\n' +
        '00:00:01.000 --> 00:00:03.000\nfirst cue\n\n' +
        '01:01:01.500 --> 01:01:02.250 align:start\n<i>later</i>\n',
    );
    expect(writeCaptionTrack(cues, 1)).toContain('X-TIMESTAMP-MAP=MPEGTS:90000,LOCAL:00:00:00.000\n');
  });
});

describe('writeCaptionPlaylist', () => {
  it('is a VOD playlist of one segment, the whole file, its target the duration rounded up', () => {
    expect(writeCaptionPlaylist(12.34, 'en.vtt')).toBe(
      '#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:13\n#EXT-X-MEDIA-SEQUENCE:0\n' +
        '#EXT-X-PLAYLIST-TYPE:VOD\n#EXTINF:12.340,\nen.vtt\n#EXT-X-ENDLIST\n',
    );
  });
});

describe('withSubtitles', () => {
  it('offers each caption before the variants and names the group on every variant', () => {
    const lines = withSubtitles(MASTER, [english, french]).split('\n');
    expect(lines.slice(4, 6)).toEqual([
      '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="English",LANGUAGE="en",DEFAULT=NO,AUTOSELECT=YES,URI="captions/en.m3u8"',
      '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="Français",LANGUAGE="fr",DEFAULT=NO,AUTOSELECT=YES,URI="captions/fr.m3u8"',
    ]);
    const variants = lines.filter((line) => line.startsWith('#EXT-X-STREAM-INF:'));
    expect(variants).toHaveLength(2);
    for (const variant of variants) expect(variant).toMatch(/,AUDIO="audio",SUBTITLES="subs"$/);
  });

  it('rewrites an earlier list rather than adding to it, and gives back the ladder alone with none', () => {
    const both = withSubtitles(MASTER, [english, french]);
    const frenchOnly = withSubtitles(both, [french]);
    expect(frenchOnly).toBe(withSubtitles(MASTER, [french]));
    expect(frenchOnly).not.toContain('LANGUAGE="en"');
    expect(frenchOnly.match(/SUBTITLES="subs"/g)).toHaveLength(2);
    expect(withSubtitles(both, [])).toBe(MASTER);
  });
});
