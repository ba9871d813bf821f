// The poster: one frame early in the video (past a fade-in, never past its end), at display size up to 720p.
import { POSTER_FILE } from '../domain/video-files.js';
import { even } from './even-size.js';
import { ffmpegInput } from './ffmpeg-input.js';
import type { SourceFacts } from './source-facts.js';

const POSTER_MAX_SHORT_SIDE = 720;

export function posterTime(durationSeconds: number): number {
  return Math.min(3, durationSeconds * 0.1);
}

/** The poster's size: the display size, scaled down to a short side of 720 at most. */
export function posterSize(display: { width: number; height: number }): { width: number; height: number } {
  const scale = Math.min(1, POSTER_MAX_SHORT_SIDE / Math.min(display.width, display.height));
  return { width: even(display.width * scale), height: even(display.height * scale) };
}

export function buildPosterArgs(
  source: SourceFacts,
  display: { width: number; height: number },
  input: string,
  outputDir: string,
): string[] {
  const { width, height } = posterSize(display);
  return [
    ...ffmpegInput({
      path: input,
      container: source.container,
      frame: source.video,
      seekSeconds: posterTime(source.durationSeconds),
    }),
    ...[
      '-map',
      `0:${source.video.streamIndex}`,
      '-frames:v',
      '1',
      '-vf',
      `scale=${width}:${height},setsar=1`,
      '-q:v',
      '3',
    ],
    ...['-f', 'image2', '-update', '1', `${outputDir}/${POSTER_FILE}`],
  ];
}
