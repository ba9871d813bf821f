// The built `vidstream` command run as people run it: a child process with only what a fresh shell has
// and the variables a test gives it.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.js';

export const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/main.js');

/** Fails early, and says why, when the build the tests run is missing. */
export function requireBuild(): void {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does)`);
}

export interface RunningVidstream {
  child: ChildProcess;
  output: () => string;
  baseUrl: string;
  port: number;
  startupMs: number;
}

export const freshShell = () => ({ PATH: process.env.PATH ?? '', HOME: os.homedir() });

/** Starts `vidstream [role]` on a free port and waits until it answers ready. */
export async function startVidstream(env: Record<string, string>, role = 'all'): Promise<RunningVidstream> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [MAIN, role], {
    // Any free port for RTMP too: suites run side by side, and 1935 may be taken.
    env: { ...freshShell(), PORT: String(port), LIVE_RTMP_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const baseUrl = `http://localhost:${port}`;
  for (let waited = 0; waited < 45_000; waited += 100) {
    if (child.exitCode !== null) throw new Error(`vidstream exited with ${child.exitCode}:\n${output}`);
    const ready = await fetch(`${baseUrl}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) return { child, output: () => output, baseUrl, port, startupMs: performance.now() - started };
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`vidstream was not ready within 45 s:\n${output}`);
}

/** Sends SIGTERM and resolves with the exit code. */
export async function stopVidstream(running: RunningVidstream): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => running.child.once('exit', (code) => resolve(code)));
  running.child.kill('SIGTERM');
  return exited;
}

/** Runs `vidstream …args` to its end. */
export async function runVidstream(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [MAIN, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stdout, stderr };
}
