// The CPU the server side spends on a load, from Linux's /proc: this process (every app under test runs in
// it; the load tool runs in a process of its own) plus PostgreSQL's and Redis's processes. On two cores
// the load tool can be what limits requests per second; CPU per request is not limited by it.
import { readdir, readFile } from 'node:fs/promises';
import { processCpuSeconds } from '../distributed/cpu-accounting.js';

const SERVERS = new Set(['postgres', 'redis-server']);

async function serverPids(): Promise<number[]> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name)).map(Number);
  const named = await Promise.all(
    pids.map(async (pid) => {
      const name = await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '');
      return SERVERS.has(name.trim()) ? pid : undefined;
    }),
  );
  return named.filter((pid) => pid !== undefined);
}

/** Seconds of CPU used so far by this process and by every PostgreSQL and Redis process on the machine. */
export async function serverSideCpuSeconds(): Promise<number> {
  const { user, system } = process.cpuUsage();
  const servers = await Promise.all((await serverPids()).map((pid) => processCpuSeconds(pid).catch(() => 0)));
  return (user + system) / 1e6 + servers.reduce((sum, seconds) => sum + seconds, 0);
}
