// VidStream processes a benchmark starts: the built server, as `vidstream api|worker|live|all`, each in its own
// process group so a kill takes its ffmpeg children with it, as a lost machine would. A launcher such as
// `taskset -c 0` or `nice -n 19` may go in front; it execs node, so the process id is the server's own.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';

const MAIN = path.resolve(import.meta.dirname, '../../server/dist/main.js');

/** The server's roles a benchmark runs: `all` and `live` take RTMP publishes too. */
export type VidStreamRole = 'api' | 'worker' | 'live' | 'all';

export interface VidStreamProcess {
  name: string;
  role: VidStreamRole;
  port: number;
  /** Starts it (again); resolves once it answers /healthz. */
  start(): Promise<void>;
  /** SIGKILL to the whole process group: no shutdown, no hand-back. */
  kill(): void;
  /** SIGTERM, as an orchestrator stops it; resolves when it has exited. */
  stop(): Promise<void>;
  running(): boolean;
  /** The server's process id while it runs. */
  pid(): number | undefined;
  /** Where its output goes: pino's JSON lines and anything else it prints. */
  logFile: string;
}

export function vidstreamProcess(
  name: string,
  role: VidStreamRole,
  port: number,
  env: Record<string, string>,
  logDir: string,
  launcher: string[] = [],
): VidStreamProcess {
  let child: ChildProcess | undefined;
  const logFile = path.join(logDir, `${name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const exited = () => child === undefined || child.exitCode !== null || child.signalCode !== null;
  return {
    name,
    role,
    port,
    async start() {
      const [command = process.execPath, ...args] = [...launcher, process.execPath, MAIN, role];
      child = spawn(command, args, {
        // Any free port for RTMP: several `all` processes may run at once.
        env: { ...process.env, LIVE_RTMP_PORT: '0', ...env, PORT: String(port) },
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout?.pipe(log, { end: false });
      child.stderr?.pipe(log, { end: false });
      for (let waited = 0; waited < 60_000; waited += 200) {
        if (exited()) throw new Error(`${name} exited at start; see ${name}.log`);
        const answer = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
        if (answer?.ok) return;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`${name} did not answer /healthz within 60 s`);
    },
    kill() {
      if (child?.pid && !exited()) process.kill(-child.pid, 'SIGKILL');
    },
    async stop() {
      if (!child?.pid || exited()) return;
      const gone = new Promise((resolve) => child?.once('exit', resolve));
      process.kill(child.pid, 'SIGTERM');
      await gone;
    },
    running: () => !exited(),
    pid: () => (exited() ? undefined : child?.pid),
    logFile,
  };
}
