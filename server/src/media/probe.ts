// Probes an upload with ffprobe, as a guest (guest-process.ts), under the safe-input rules: a local file
// only, real containers only, no external references, bounded analysis and run time.
import { execFile } from 'node:child_process';
import { open } from 'node:fs/promises';
import { promisify } from 'node:util';
import { checkInputRules, ffprobeInput } from './ffmpeg-input.js';
import { describeUnreadableFile, FILE_HEAD_BYTES } from './file-kind.js';
import { GUEST_ENVIRONMENT, guestCommand, guestLimits } from './guest-process.js';
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
    const guest = guestCommand(ffprobe, args, guestLimits(timeoutMs));
    ({ stdout } = await run(guest.command, guest.args, {
      env: GUEST_ENVIRONMENT,
      timeout: timeoutMs,
      maxBuffer: 4 * 1024 * 1024,
    }));
  } catch (error) {
    const { killed, stderr } = error as { killed?: boolean; stderr?: string };
    if (killed)
      throw new UnusableSource(
        'Reading this file took too long; it may be damaged, so upload the whole file again',
      );
    // ffprobe's refusal (unknown format, no such demuxer allowed, damaged file) is the upload's fault. Its
    // words name options and memory addresses: the owner is told what the file is instead, the log the rest.
    if (stderr !== undefined)
      throw new UnusableSource(
        describeUnreadableFile(await readHead(localPath)),
        stderr.trim().slice(0, 500),
      );
    throw error;
  }
  return readSourceFacts(JSON.parse(stdout), limits);
}

async function readHead(localPath: string): Promise<Buffer> {
  const file = await open(localPath, 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(FILE_HEAD_BYTES), 0, FILE_HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}
