// The segment grid every rendition of a video shares. The opening seconds are cut in short segments, so a
// player can start as soon as one short segment is encoded (a long segment takes several seconds to
// encode on one core); after that, segments are `segmentSeconds` long. A keyframe opens each segment and
// there is no other, so every rung's segments start on the same instants and a player may switch rungs at
// any of them. Pure: the one-pass command, the chunk plan and the chunk commands all read it from here.

export interface SegmentGrid {
  segmentSeconds: number;
  /**
   * The first this many seconds are cut in segments of `openingSegmentSeconds`; a whole number of both
   * kinds of segment, so the later segments start where the opening ends.
   */
  openingSeconds: number;
  openingSegmentSeconds: number;
}

/** How an encoder places keyframes, and how the HLS muxer cuts, for an output starting on the grid. */
export interface KeyframeRule {
  /** ffmpeg's `-force_key_frames`: a keyframe at each segment start of the output. */
  forceKeyFrames: string;
  /** The muxer cuts at the first keyframe this long into a segment: at every keyframe, as placed. */
  hlsTime: number;
  /** The shortest and longest gap between keyframes, for the encoder's own limits. */
  shortestSeconds: number;
  longestSeconds: number;
}

/** Segments before an instant on the grid (a segment start): the number of the segment starting there. */
export function segmentsBefore(seconds: number, grid: SegmentGrid): number {
  const opening = Math.min(seconds, grid.openingSeconds);
  const after = Math.max(0, seconds - grid.openingSeconds);
  return Math.round(opening / grid.openingSegmentSeconds) + Math.round(after / grid.segmentSeconds);
}

/** The keyframe rule of an output whose first frame is at `startSeconds` of the video, on the grid. */
export function keyframeRule(grid: SegmentGrid, startSeconds: number): KeyframeRule {
  if (startSeconds >= grid.openingSeconds || grid.openingSeconds === 0)
    return {
      forceKeyFrames: `expr:gte(t,n_forced*${grid.segmentSeconds})`,
      hlsTime: grid.segmentSeconds,
      shortestSeconds: grid.segmentSeconds,
      longestSeconds: grid.segmentSeconds,
    };
  const opening = Math.round(grid.openingSeconds / grid.openingSegmentSeconds);
  const short = grid.openingSegmentSeconds;
  return {
    forceKeyFrames: `expr:gte(t,if(lt(n_forced,${opening}),n_forced*${short},${grid.openingSeconds}+(n_forced-${opening})*${grid.segmentSeconds}))`,
    // The muxer cuts at the first keyframe once a segment is this long: keyframes stand only at segment
    // starts, never closer than this, so it cuts at each of them.
    hlsTime: short,
    shortestSeconds: short,
    longestSeconds: grid.segmentSeconds,
  };
}
