// init-env.sh, run in a scratch copy of the compose folder: fresh secrets once, never an overwrite.
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { COMPOSE_DIR, parseEnvFile, readComposeFile } from './stack.js';

const run = promisify(execFile);
const SECRETS = [
  'SESSION_SECRET',
  'METRICS_TOKEN',
  'POSTGRES_PASSWORD',
  'MINIO_ROOT_PASSWORD',
  'S3_SECRET_ACCESS_KEY',
];
const scratch: string[] = [];

async function composeFolder(): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'vidstream-compose-'));
  scratch.push(folder);
  for (const file of ['init-env.sh', '.env.example']) {
    await copyFile(path.join(COMPOSE_DIR, file), path.join(folder, file));
  }
  return folder;
}

async function initEnv(folder: string) {
  await run('sh', [path.join(folder, 'init-env.sh')], { cwd: os.tmpdir() });
  return parseEnvFile(await readFile(path.join(folder, '.env'), 'utf8'));
}

afterEach(async () => {
  await Promise.all(scratch.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

describe('init-env.sh', () => {
  it('writes .env beside itself with every variable and fresh secrets', async () => {
    const folder = await composeFolder();
    const written = await initEnv(folder);
    const example = parseEnvFile(readComposeFile('.env.example'));
    expect([...written.keys()]).toEqual([...example.keys()]);
    for (const [name, value] of example) {
      if (SECRETS.includes(name)) expect(written.get(name), name).toMatch(/^[0-9a-f]{64}$/);
      else expect(written.get(name), name).toBe(value);
    }
    expect((await stat(path.join(folder, '.env'))).mode & 0o077).toBe(0);
  });

  it('draws different secrets each time and for each variable', async () => {
    const [first, second] = await Promise.all([composeFolder().then(initEnv), composeFolder().then(initEnv)]);
    const values = SECRETS.flatMap((name) => [first?.get(name), second?.get(name)]);
    expect(new Set(values).size).toBe(values.length);
  });

  it('refuses to overwrite an existing .env', async () => {
    const folder = await composeFolder();
    await writeFile(path.join(folder, '.env'), 'SESSION_SECRET=kept\n');
    await expect(run('sh', [path.join(folder, 'init-env.sh')])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('already exists'),
    });
    expect(await readFile(path.join(folder, '.env'), 'utf8')).toBe('SESSION_SECRET=kept\n');
  });
});
