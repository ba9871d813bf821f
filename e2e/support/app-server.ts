// Starts the built app the way a person does (`node server/dist/main.js all` on embedded defaults), on a
// free port with a fresh data directory, and stops it again.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { artifactPath } from './artifacts.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = path.join(REPO_ROOT, 'server/dist/main.js');
const CLIENT_BUILD = path.join(REPO_ROOT, 'client/dist/index.html');

export interface RunningApp {
  baseUrl: string;
  /** Where its output goes (among the artifacts). */
  logFile: string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

async function waitUntilReady(baseUrl: string, app: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`The app exited with code ${app.exitCode}; see its log`);
    const ready = await fetch(`${baseUrl}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The app did not become ready within ${timeoutMs} ms`);
}

export interface AppOptions {
  /** Settings on top of the embedded defaults, e.g. a lower threshold for chunked transcoding. */
  env?: Record<string, string>;
  /** The name of its log among the artifacts. */
  logName?: string;
}

export async function startApp({ env = {}, logName = 'app.log' }: AppOptions = {}): Promise<RunningApp> {
  if (!existsSync(MAIN) || !existsSync(CLIENT_BUILD)) {
    throw new Error('Build the app first: npm run build');
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vidstream-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const logFile = artifactPath(logName);
  const log = createWriteStream(logFile);
  const app = spawn(process.execPath, [MAIN, 'all'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      // A free port for RTMP (another app or suite may hold 1935), named so stream keys' ingest URLs work.
      LIVE_RTMP_PORT: String(await freePort()),
      // A stopped encoder's stream ends 3 s later rather than after the 30-s wait for it to come back.
      LIVE_RECONNECT_SECONDS: '3',
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: baseUrl,
      DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  app.stdout?.pipe(log);
  app.stderr?.pipe(log);
  const stop = async () => {
    if (app.exitCode === null) {
      const exited = new Promise((resolve) => app.once('exit', resolve));
      app.kill('SIGTERM');
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  // An app that never got ready is stopped here: nobody else holds it.
  await waitUntilReady(baseUrl, app, 60_000).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { baseUrl, logFile, stop };
}
