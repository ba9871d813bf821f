import { describe, expect, it } from 'vitest';
import type { VideoFacts } from '../../src/media/source-facts.js';
import { UnusableSource } from '../../src/media/source-facts.js';
import { DEFAULT_STORYBOARD } from '../../src/media/storyboard.js';
import { planTranscode, transcodeTimeoutMs } from '../../src/media/transcode-plan.js';
import { DEFAULT_POLICY } from '../../src/media/transcode-policy.js';
import { probedSource, STEREO_AAC } from '../support/probed-sources.js';

const deadline = { perSourceSecond: 10, minimumMs: 600_000, maximumMs: 4 * 3_600_000 };
const paths = { input: '/scratch/job-1/source', outputDir: '/scratch/job-1/out' };

/** An 8K phone clip (HEVC, 24 fps, stereo) unless told otherwise. */
const source = (video: Partial<VideoFacts>, durationSeconds = 1) =>
  probedSource(
    { codec: 'hevc', width: 7680, height: 4320, frameRate: 24, ...video },
    { durationSeconds, audio: STEREO_AAC },
  );

describe('planTranscode', () => {
  it('plans an 8K phone clip down to a 2160p ladder, every command built before ffmpeg runs', () => {
    const plan = planTranscode(source({}), paths, {
      policy: DEFAULT_POLICY,
      storyboard: DEFAULT_STORYBOARD,
      deadline,
    });
    expect(plan.ladder.at(-1)).toMatchObject({ name: '2160p', width: 3840, height: 2160 });
    expect(plan.masterPlaylist).toContain('RESOLUTION=3840x2160,CODECS="avc1.640033');
    expect(plan.renditions.at(-1)).toBe('audio');
    const graph = plan.argv.ladder[plan.argv.ladder.indexOf('-filter_complex') + 1];
    expect(graph?.startsWith('[0:0]scale=3840:2160,setsar=1,format=yuv420p,')).toBe(true);
  });

  it('turns a planning error into a readable, permanent refusal (never a retry)', () => {
    // A policy that lets 2160p run at 240 fps asks for more than any H.264 level allows.
    const greedy = { ...DEFAULT_POLICY, maxFrameRate: 240 };
    const error = (() => {
      try {
        planTranscode(source({ width: 3840, height: 2160, frameRate: 240 }), paths, {
          policy: greedy,
          storyboard: DEFAULT_STORYBOARD,
          deadline,
        });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(UnusableSource);
    expect((error as UnusableSource).message).toBe(
      'We cannot process a 3840×2160 video at 240 fps lasting 1 s; upload a version of at most 3840×2160 at 240 fps',
    );
    expect((error as UnusableSource).detail).toMatch(/^no H.264 level fits /);
  });
});

describe('transcodeTimeoutMs', () => {
  it('grows with the source, from a floor, up to an absolute cap', () => {
    expect(transcodeTimeoutMs(10, deadline)).toBe(600_000);
    expect(transcodeTimeoutMs(3_600, deadline)).toBe(4 * 3_600_000);
    expect(transcodeTimeoutMs(600, deadline)).toBe(6_000_000);
    expect(transcodeTimeoutMs(12 * 3_600, deadline)).toBe(4 * 3_600_000);
  });
});
