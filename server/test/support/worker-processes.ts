// `vidstream worker` as separate processes beside a test platform (production adapters), to kill for
// real: each in its own process group, so a SIGKILL also takes the ffmpeg it started.
import { type ChildProcess, spawn } from 'node:child_process';
import { testRedisUrl } from './test-adapters.js';
import type { TestPlatform } from './test-platform.js';
import { freshShell, MAIN, requireBuild } from './vidstream-process.js';

export type WorkerProcess = ChildProcess & { output: () => string };

/** Starts and kills the worker processes of one test file; `env` is given to every one of them. */
export class WorkerProcesses {
  private readonly started: ChildProcess[] = [];

  constructor(
    private readonly test: () => TestPlatform,
    private readonly env: Record<string, string>,
  ) {
    requireBuild();
  }

  /** One more worker on the test platform's database, storage and Redis. */
  start(env: Record<string, string> = {}): WorkerProcess {
    const { platform, dataDir } = this.test();
    const { config } = platform;
    const child = spawn(process.execPath, [MAIN, 'worker'], {
      env: {
        ...freshShell(),
        DATA_DIR: dataDir,
        DATABASE_URL: config.database.kind === 'postgres' ? config.database.url : '',
        REDIS_URL: testRedisUrl,
        SESSION_SECRET: config.sessionSecret ?? '',
        LOG_LEVEL: 'info',
        PORT: '0',
        ...this.env,
        ...env,
      },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    this.started.push(child);
    return Object.assign(child, { output: () => output });
  }

  /** Kills every worker started so far (one already gone is fine). */
  killAll(): void {
    for (const worker of this.started.splice(0)) killGroup(worker);
  }
}

/** Kills a worker and the ffmpeg it started; one already gone is fine. */
export function killGroup(worker: ChildProcess): void {
  try {
    if (worker.pid) process.kill(-worker.pid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
