// How ffmpeg and ffprobe are started: as guests that read hostile bytes. They get an environment of their
// own (no secret of the worker's: session secret, database password, storage keys), hard limits through
// prlimit (memory, CPU time, open files), and a lower priority than the API and the worker through nice
// (coreutils and util-linux, in every Debian). Pure.
import os from 'node:os';

/** What a guest may use; a guest past one is stopped by the kernel, not by the worker. */
export interface GuestLimits {
  /** Heap and other private writable memory (RLIMIT_DATA): thread stacks' reservations do not count. */
  memoryBytes: number;
  /** Processor time over all its threads (RLIMIT_CPU). */
  cpuSeconds: number;
  openFiles: number;
  /** Added to the worker's own niceness: the guest gets a core only when the worker's others leave it. */
  niceness: number;
}

/** Measured: a 1080p one-pass ladder peaks near 1 GiB, a 4K 10-bit HEVC source near 2 GiB. */
const MEMORY_BYTES = 4 * 1024 ** 3;
const OPEN_FILES = 1024;
export const GUEST_NICENESS = 5;

/** The guest's whole environment: where programs are and a locale, nothing of the worker's. */
export const GUEST_ENVIRONMENT: Readonly<Record<string, string>> = Object.freeze({
  PATH: '/usr/local/bin:/usr/bin:/bin',
  LC_ALL: 'C.UTF-8',
});

/** Limits for a run allowed `timeoutMs` of wall time: every core busy for all of it, and no more. */
export function guestLimits(timeoutMs: number, niceness = GUEST_NICENESS): GuestLimits {
  return {
    memoryBytes: MEMORY_BYTES,
    cpuSeconds: Math.ceil(timeoutMs / 1000) * os.availableParallelism(),
    openFiles: OPEN_FILES,
    niceness,
  };
}

/** The program and argv that start `binary args` under the limits (nice and prlimit set them, then exec). */
export function guestCommand(
  binary: string,
  args: readonly string[],
  limits: GuestLimits,
): { command: string; args: string[] } {
  return {
    command: 'nice',
    args: [
      ...['-n', String(limits.niceness), 'prlimit'],
      `--data=${limits.memoryBytes}`,
      `--cpu=${limits.cpuSeconds}`,
      `--nofile=${limits.openFiles}`,
      '--',
      binary,
      ...args,
    ],
  };
}
