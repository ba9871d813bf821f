// Probes an upload with ffprobe under the safe-input rules: a local file only, real containers only,
// no external references, bounded analysis and run time.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { checkInputRules, ffprobeInput } from './ffmpeg-input.js';
import { readSourceFacts, type SourceFacts, type SourceLimits, UnusableSource } from './source-facts.js';

const run = promisify(execFile);

export function buildProbeArgs(localPath: string): string[] {
  return [
    ...['-v', 'error', '-probesize', '50000000', '-analyzeduration', '20000000'],
    ...['-show_format', '-show_streams', '-of', 'json'],
    ...ffprobeInput(localPath),
  ];
}

export async function probeSource(
  ffprobe: string,
  localPath: string,
  limits: SourceLimits,
  timeoutMs = 30_000,
): Promise<SourceFacts> {
  const args = buildProbeArgs(localPath);
  checkInputRules('ffprobe', args);
  let stdout: string;
  try {
    ({ stdout } = await run(ffprobe, args, {
      timeout: timeoutMs,
      maxBuffer: 4 * 1024 * 1024,
    }));
  } catch (error) {
    const { killed, stderr } = error as { killed?: boolean; stderr?: string };
    if (killed) throw new UnusableSource('Reading this file took too long; it may be damaged');
    // ffprobe's refusal (unknown format, no such demuxer allowed, damaged file) is the upload's fault.
    if (stderr !== undefined)
      throw new UnusableSource(`This file cannot be read as a video (${reason(stderr, localPath)})`);
    throw error;
  }
  return readSourceFacts(JSON.parse(stdout), limits);
}

/** ffprobe's first line, without the worker's scratch path it names (the owner reads this message). */
function reason(stderr: string, localPath: string): string {
  const line = stderr
    .trim()
    .split('\n')[0]
    ?.replaceAll(`file:${localPath}: `, '')
    .replaceAll(`${localPath}: `, '');
  return line?.slice(0, 200) || 'no details';
}
