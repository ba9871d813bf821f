// A clip that says which frame it is in a way a page can read back: a strip along the bottom of the
// picture holds the frame number in binary, one black (0) or white (1) block per bit, least significant
// bit on the left. The blocks are big enough to survive the smallest rung's encode.

/** The frame rate of the suite's clips. */
export const FRAME_RATE = 30;
/** The blocks of the strip: 10 bits count 1,024 frames, 34 s at FRAME_RATE. */
export const FRAME_NUMBER_BITS = 10;
/** The strip's height, as a share of the picture's. */
export const STRIP_SHARE = 1 / 6;

/** ffmpeg's video filter that paints the strip onto a picture of this size, in `bitCount` blocks. */
export function frameNumberFilter(width: number, height: number, bitCount = FRAME_NUMBER_BITS): string {
  const top = Math.round(height * (1 - STRIP_SHARE));
  const stripHeight = height - top;
  const block = width / bitCount;
  const bits = Array.from({ length: bitCount }, (_, bit) => {
    const x = Math.round(bit * block);
    const w = Math.round((bit + 1) * block) - x;
    // `n` is the frame number in a filter's timeline expression.
    return `drawbox=x=${x}:y=${top}:w=${w}:h=${stripHeight}:color=white:t=fill:enable='mod(floor(n/${2 ** bit}),2)'`;
  });
  return [`drawbox=x=0:y=${top}:w=${width}:h=${stripHeight}:color=black:t=fill`, ...bits].join(',');
}
