// A Redis server of a test's own (the shared one must keep its settings): a chosen eviction policy and
// memory cap, no persistence, stopped by the test.
import { type ChildProcess, spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from './free-port.js';

export interface OwnRedis {
  url: string;
  /** A client to inspect the server (INFO, keys). */
  client: Redis;
  stop(): Promise<void>;
}

/** `options` go on the command line as they are (e.g. `--rename-command CONFIG ""`, as managed services do). */
export async function startRedisServer(
  policy: string,
  maxMemory = '0',
  options: string[] = [],
): Promise<OwnRedis> {
  const port = await freePort();
  const server: ChildProcess = spawn(
    'redis-server',
    [
      ...['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      ...['--maxmemory-policy', policy, '--maxmemory', maxMemory],
      ...options,
    ],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  const client = new Redis(url, { retryStrategy: (attempt) => (attempt > 50 ? null : 100) });
  client.on('error', () => {}); // refused until the server listens; ping() below waits for it
  await client.ping();
  return {
    url,
    client,
    async stop() {
      client.disconnect();
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGKILL');
      await exited;
    },
  };
}
