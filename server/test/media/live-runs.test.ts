// The runs of a live recording: joined into one playlist with a discontinuity and the next run's init
// segment, numbered on, taken apart again to make the stills, and made final for the VOD.
import { describe, expect, it } from 'vitest';
import {
  finalPlaylist,
  joinRuns,
  nextSegmentNumber,
  recordedRuns,
  variantPlaylists,
} from '../../src/media/live-runs.js';

/** A run's playlist as ffmpeg writes it, with 1-s dated segments from `first`. */
function run(init: string, first: number, count: number, ended: boolean, target = 1): string {
  const segments = Array.from({ length: count }, (_, index) => [
    '#EXTINF:1.000000,',
    `#EXT-X-PROGRAM-DATE-TIME:2026-12-08T00:00:${String(first + index).padStart(2, '0')}.000+0000`,
    `segment-${String(first + index).padStart(5, '0')}.m4s`,
  ]).flat();
  return [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    `#EXT-X-TARGETDURATION:${target}`,
    `#EXT-X-MEDIA-SEQUENCE:${first}`,
    '#EXT-X-PLAYLIST-TYPE:EVENT',
    '#EXT-X-INDEPENDENT-SEGMENTS',
    `#EXT-X-MAP:URI="${init}"`,
    ...segments,
    ...(ended ? ['#EXT-X-ENDLIST'] : []),
    '',
  ].join('\n');
}

describe('joinRuns', () => {
  it('is the one run as it stands', () => {
    expect(joinRuns([run('init-0_0.mp4', 0, 2, false)])).toBe(run('init-0_0.mp4', 0, 2, false));
  });

  it('puts each later run after a discontinuity with its own init, and ends only with the last', () => {
    const joined = joinRuns([run('init-0_0.mp4', 0, 2, true), run('init-1_0.mp4', 2, 1, false, 2)]);
    expect(joined).toBe(
      [
        ...run('init-0_0.mp4', 0, 2, false)
          .replace('TARGETDURATION:1', 'TARGETDURATION:2')
          .trimEnd()
          .split('\n'),
        '#EXT-X-DISCONTINUITY',
        '#EXT-X-MAP:URI="init-1_0.mp4"',
        '#EXTINF:1.000000,',
        '#EXT-X-PROGRAM-DATE-TIME:2026-12-08T00:00:02.000+0000',
        'segment-00002.m4s',
        '',
      ].join('\n'),
    );
    expect(joinRuns([run('a.mp4', 0, 1, true), run('b.mp4', 1, 1, true)]).endsWith('#EXT-X-ENDLIST\n')).toBe(
      true,
    );
  });

  it('leaves out a run that has no segment yet, and is empty with none', () => {
    const empty = run('init-1_0.mp4', 2, 0, false);
    expect(joinRuns([run('init-0_0.mp4', 0, 2, true), empty])).toBe(
      `${run('init-0_0.mp4', 0, 2, false)}#EXT-X-ENDLIST\n`,
    );
    expect(joinRuns([])).toBe('');
  });
});

describe('nextSegmentNumber', () => {
  it('is past the highest number any playlist used, or 0', () => {
    expect(nextSegmentNumber([run('i', 0, 3, true), run('i', 0, 5, true)])).toBe(5);
    expect(nextSegmentNumber([])).toBe(0);
  });
});

describe('recordedRuns', () => {
  it('takes a joined playlist apart into its runs, each with its init, segments and length', () => {
    const joined = joinRuns([run('init-0_0.mp4', 0, 2, true), run('init-1_0.mp4', 2, 3, true)]);
    expect(recordedRuns(joined)).toEqual([
      { init: 'init-0_0.mp4', segments: ['segment-00000.m4s', 'segment-00001.m4s'], durationSeconds: 2 },
      {
        init: 'init-1_0.mp4',
        segments: ['segment-00002.m4s', 'segment-00003.m4s', 'segment-00004.m4s'],
        durationSeconds: 3,
      },
    ]);
  });
});

describe('finalPlaylist', () => {
  it('makes a recorded playlist a VOD one, ended once', () => {
    const final = finalPlaylist(run('init-0_0.mp4', 0, 2, false));
    expect(final).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
    expect(final.endsWith('segment-00001.m4s\n#EXT-X-ENDLIST\n')).toBe(true);
    expect(finalPlaylist(final)).toBe(final);
  });
});

describe('variantPlaylists', () => {
  it('names every playlist of the master once, the audio rendition too', () => {
    const master = [
      '#EXTM3U',
      '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",NAME="Default",URI="audio/playlist.m3u8"',
      '#EXT-X-STREAM-INF:BANDWIDTH=928000,RESOLUTION=640x360',
      '360p/playlist.m3u8',
      '#EXT-X-STREAM-INF:BANDWIDTH=2628000,RESOLUTION=1280x720',
      '720p/playlist.m3u8',
      '',
    ].join('\n');
    expect(variantPlaylists(master)).toEqual([
      'audio/playlist.m3u8',
      '360p/playlist.m3u8',
      '720p/playlist.m3u8',
    ]);
  });
});
