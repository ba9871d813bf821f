// What `npm run up` shows a person: the built command run in a pseudo-terminal (util-linux `script`, as a
// terminal would run it) prints readable log lines, while the same command through a pipe prints JSON
// (run-command.test.ts reads those).
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { freshShell, MAIN, requireBuild } from '../support/vidstream-process.js';

let dataDir: string;
beforeAll(async () => {
  requireBuild();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-terminal-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

/** Runs `vidstream all` on a terminal of its own until it says it is running; what the terminal showed. */
async function runInTerminal(): Promise<string> {
  const port = await freePort();
  const command = `exec ${process.execPath} ${MAIN} all`;
  const child = spawn('script', ['--quiet', '--flush', '--command', command, '/dev/null'], {
    env: { ...freshShell(), DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'info' },
    // script forwards its stdin to the terminal: kept open, or it would end at once.
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  let shown = '';
  child.stdout?.on('data', (chunk) => (shown += chunk));
  child.stderr?.on('data', (chunk) => (shown += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    for (let waited = 0; !shown.includes('VidStream is running'); waited += 100) {
      if (child.exitCode !== null || waited > 60_000) throw new Error(`not running:\n${shown}`);
      await sleep(100);
    }
    return shown;
  } finally {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
    await exited;
  }
}

describe('vidstream in a terminal', () => {
  it('prints readable log lines, not JSON', async () => {
    const shown = stripVTControlCharacters(await runInTerminal());
    expect(shown).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: platform opened \{"database":"embedded"/m);
    expect(shown).not.toContain('"msg":');
    expect(shown).toContain('VidStream is running: open http://localhost:');
  }, 90_000);
});
