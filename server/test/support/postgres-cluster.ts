// A PostgreSQL server of a test's own, to restart and crash for real (the shared one must stay up): a
// throwaway cluster made with the machine's initdb and pg_ctl, on a free port with trust auth, run as the
// `postgres` OS user when the tests run as root (PostgreSQL refuses root), and deleted at the end.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, chown, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.js';

const run = promisify(execFile);
const BINARIES_ROOT = '/usr/lib/postgresql';
const OS_USER = 'postgres';

export type StopMode = 'fast' | 'immediate';

export interface PostgresCluster {
  /** Its `postgres` database, as the superuser, with trust authentication. */
  url: string;
  /**
   * Does nothing if already stopped.
   * `fast`: every session is ended and the server shuts down cleanly (a restart, a failover).
   * `immediate`: the server is killed without a checkpoint (a crash) and replays its WAL at the next start.
   */
  stop(mode: StopMode): Promise<void>;
  /** Starts it again (if stopped) on the same port and data; resolves once it accepts connections. */
  start(): Promise<void>;
  /** `pg_ctl restart`: stopped in `mode` and started again at once. */
  restart(mode: StopMode): Promise<void>;
  /** Stops the server if it runs and deletes the cluster. */
  remove(): Promise<void>;
}

/** The newest PostgreSQL's bin directory with initdb and pg_ctl, or a failure saying what is missing. */
async function locateBinaries(): Promise<string> {
  const versions = existsSync(BINARIES_ROOT) ? await readdir(BINARIES_ROOT) : [];
  const usable = versions
    .filter((version) => /^\d+$/.test(version))
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => path.join(BINARIES_ROOT, version, 'bin'))
    .filter((bin) => existsSync(path.join(bin, 'initdb')) && existsSync(path.join(bin, 'pg_ctl')));
  const [newest] = usable;
  if (!newest) {
    throw new Error(
      `PostgreSQL's server programs (initdb, pg_ctl) were not found under ${BINARIES_ROOT}/*/bin. ` +
        'These tests restart and crash a PostgreSQL server of their own: install the server package ' +
        '(Debian: apt-get install postgresql) on the machine that runs them.',
    );
  }
  return newest;
}

/** How to run the server's programs: as the `postgres` user when this process is root. */
function asServerUser(): { prefix: string[]; owner?: { uid: number; gid: number } } {
  if (process.getuid?.() !== 0) return { prefix: [] };
  let ids: string[];
  try {
    ids = ['-u', '-g'].map((flag) => execFileSync('id', [flag, OS_USER], { encoding: 'utf8' }).trim());
  } catch {
    throw new Error(
      `These tests run as root, and PostgreSQL refuses to: they need the "${OS_USER}" OS user to run it as ` +
        '(the postgresql package creates it)',
    );
  }
  return { prefix: ['runuser', '-u', OS_USER, '--'], owner: { uid: Number(ids[0]), gid: Number(ids[1]) } };
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = await locateBinaries();
  const user = asServerUser();
  const root = await mkdtemp(path.join(os.tmpdir(), 'vidstream-postgres-'));
  if (user.owner) await chown(root, user.owner.uid, user.owner.gid);
  const dataDir = path.join(root, 'data');
  const logFile = path.join(root, 'server.log');
  const port = await freePort();

  const pgCommand = (program: string, args: string[]) => {
    const [command = '', ...rest] = [...user.prefix, path.join(bin, program), ...args];
    return { command, args: rest };
  };
  /** Runs a server program; a failure carries the end of the server's log, which says why. */
  const pg = async (program: string, args: string[]) => {
    const { command, args: all } = pgCommand(program, args);
    try {
      await run(command, all, { timeout: 60_000 });
    } catch (error) {
      const log = await readFile(logFile, 'utf8').catch(() => '');
      throw new Error(
        `${program} ${args.join(' ')} failed: ${(error as Error).message}\n${log.slice(-2_000)}`,
      );
    }
  };
  const pgCtl = (...args: string[]) =>
    pg('pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '30', ...args]);

  await pg('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  // Written as root into a file the server only reads. fsync off: only the process crashes in these
  // tests, never the machine, so what was written reaches the disk through the kernel anyway.
  await appendFile(
    path.join(dataDir, 'postgresql.conf'),
    [
      `port = ${port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${root}'`,
      'fsync = off',
      '',
    ].join('\n'),
  );
  await pgCtl('start');

  // If the test process ends without removing it, the server must not outlive it.
  const stopOnExit = () => {
    const { command, args } = pgCommand('pg_ctl', ['-D', dataDir, '-m', 'immediate', 'stop']);
    try {
      execFileSync(command, args, { stdio: 'ignore' });
    } catch {
      // not running
    }
  };
  process.once('exit', stopOnExit);

  let running = true;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop(mode) {
      if (!running) return;
      await pgCtl('-m', mode, 'stop');
      running = false;
    },
    async start() {
      if (running) return;
      await pgCtl('start');
      running = true;
    },
    async restart(mode) {
      await pgCtl('-m', mode, 'restart');
      running = true;
    },
    async remove() {
      process.off('exit', stopOnExit);
      await pgCtl('-m', 'immediate', 'stop').catch(() => undefined); // already stopped is fine
      await rm(root, { recursive: true, force: true });
    },
  };
}
