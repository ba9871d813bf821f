// The poster and the storyboard thumbnails of an ended live stream, made from its recording: each run
// (live-runs.ts) is one file, its init segment followed by its segments, read as a chunk of the whole
// video is read (chunk-stills.ts), so the thumbnails of every run are numbered on and tiled together. Pure.
import type { Chunk } from './chunk-plan.js';
import { buildStillOutputs, type ChunkedStills, stillTaps } from './chunk-stills.js';
import { ffmpegInput } from './ffmpeg-input.js';

/** The container a recorded run is read as: fragmented MP4. */
export const RECORDING_CONTAINER = 'mov';

/** Each run's place in the recording, as a chunk: from the end of the runs before it. */
export function runChunks(durations: number[]): Chunk[] {
  let startSeconds = 0;
  return durations.map((durationSeconds, index) => {
    const chunk = {
      index,
      startSeconds,
      durationSeconds,
      firstSegment: 0,
      isLast: index === durations.length - 1,
    };
    startSeconds += durationSeconds;
    return chunk;
  });
}

/** The argv that writes a run's stills into `outputDir/stills/`, or undefined when none falls in it. */
export function buildRunStillsArgs(
  stills: ChunkedStills,
  run: Chunk,
  recording: { path: string; width: number; height: number },
  outputDir: string,
): string[] | undefined {
  const count = stillTaps(stills, run);
  if (count === 0) return undefined;
  const taps = Array.from({ length: count }, (_, index) => `still${index}`);
  const { filters, outputs } = buildStillOutputs(stills, run, taps, outputDir);
  const split = `[0:v:0]${count > 1 ? `split=${count}` : 'null'}${taps.map((tap) => `[${tap}]`).join('')}`;
  return [
    ...ffmpegInput({ path: recording.path, container: RECORDING_CONTAINER, frame: recording }),
    ...['-filter_complex', [split, ...filters].join(';')],
    ...outputs,
  ];
}
