import { describe, expect, it } from 'vitest';
import { keyframeRule, segmentsBefore } from '../../src/media/segment-grid.js';

const grid = { segmentSeconds: 4, openingSeconds: 4, openingSegmentSeconds: 1 };

describe('segment grid', () => {
  it('counts the short opening segments, then the long ones', () => {
    expect([0, 1, 3, 4, 8, 40].map((seconds) => segmentsBefore(seconds, grid))).toEqual([0, 1, 3, 4, 5, 13]);
    expect(segmentsBefore(40, { ...grid, openingSeconds: 0 })).toBe(10);
  });

  it('puts keyframes at every opening segment start, then every segment, for an output from the start', () => {
    expect(keyframeRule(grid, 0)).toEqual({
      forceKeyFrames: 'expr:gte(t,if(lt(n_forced,4),n_forced*1,4+(n_forced-4)*4))',
      hlsTime: 1,
      shortestSeconds: 1,
      longestSeconds: 4,
    });
  });

  it('keeps segments long for an output that starts past the opening', () => {
    expect(keyframeRule(grid, 40)).toEqual({
      forceKeyFrames: 'expr:gte(t,n_forced*4)',
      hlsTime: 4,
      shortestSeconds: 4,
      longestSeconds: 4,
    });
  });
});
