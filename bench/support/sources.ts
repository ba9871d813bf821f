// Synthetic sources for the benchmarks, made with ffmpeg's test sources and cached between runs (they take
// minutes to make): under BENCH_CACHE_DIR, by default ~/.cache/vidstream-bench. A file's name holds every
// setting it was made with, so a changed recipe makes a new file rather than reusing a stale one.
import { execFile } from 'node:child_process';
import { access, mkdir, rename } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const BENCH_CACHE_DIR =
  process.env.BENCH_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'vidstream-bench');

/** H.264 as a camera or an editor exports it, or HEVC Main 10 as a phone records it. */
export type SourceCodec = 'h264' | 'hevc-main10';

export interface SourceSpec {
  codec: SourceCodec;
  width: number;
  height: number;
  seconds: number;
  frameRate?: number;
}

const VIDEO_ARGS: Record<SourceCodec, string[]> = {
  h264: ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p'],
  // What an iPhone or a recent Android phone writes: 10-bit HEVC tagged hvc1, a keyframe every second.
  'hevc-main10': [
    ...['-c:v', 'libx265', '-preset', 'ultrafast', '-crf', '22', '-profile:v', 'main10'],
    ...['-pix_fmt', 'yuv420p10le', '-tag:v', 'hvc1', '-x265-params', 'log-level=error:keyint=30'],
  ],
};

export function describeSource({ codec, width, height, seconds, frameRate = 30 }: SourceSpec): string {
  const kind = codec === 'h264' ? 'H.264 8-bit' : 'HEVC Main 10';
  return `${kind} ${width}×${height} ${frameRate} fps, ${seconds} s, stereo sound`;
}

/** The source's file, made now if no earlier run left it in the cache. */
export async function cachedSource(spec: SourceSpec): Promise<string> {
  const { codec, width, height, seconds, frameRate = 30 } = spec;
  const file = path.join(BENCH_CACHE_DIR, `${codec}-${width}x${height}-${frameRate}fps-${seconds}s.mp4`);
  if (
    await access(file).then(
      () => true,
      () => false,
    )
  )
    return file;
  await mkdir(BENCH_CACHE_DIR, { recursive: true });
  console.log(`Generating ${describeSource(spec)} into ${BENCH_CACHE_DIR} (once)…`);
  // Written aside and renamed: an interrupted run leaves no half file for the next one to trust.
  const partial = `${file}.partial.mp4`;
  await run('ffmpeg', [
    ...['-nostdin', '-v', 'error'],
    ...['-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=${frameRate}:duration=${seconds}`],
    ...['-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`],
    ...VIDEO_ARGS[codec],
    ...['-c:a', 'aac', '-ac', '2', '-y', partial],
  ]);
  await rename(partial, file);
  return file;
}
