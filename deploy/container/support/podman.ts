// Podman as these machines run it (../shared/CONTAINERS.md): the runc runtime, limits within the
// machine's, the host network (to reach the package registries and this machine's PostgreSQL and Redis).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const ENGINE_FLAGS = ['--runtime', 'runc'];
export const LIMITS = ['--ulimit', 'nofile=4096:4096', '--ulimit', 'nproc=4096:4096'];

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `podman …args` to its end; never throws for a non-zero exit, which some checks expect. */
export async function podman(args: string[], timeoutMs = 600_000): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run('podman', [...ENGINE_FLAGS, ...args], {
      timeout: timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof failed.code === 'number' ? failed.code : 1,
      stdout: failed.stdout ?? '',
      stderr: failed.stderr ?? '',
    };
  }
}

/** Like `podman` but throws with podman's own words when it fails. */
export async function podmanOrThrow(args: string[], timeoutMs?: number): Promise<string> {
  const outcome = await podman(args, timeoutMs);
  if (outcome.code !== 0)
    throw new Error(`podman ${args.join(' ')} failed (${outcome.code}):\n${outcome.stderr}`);
  return outcome.stdout;
}
