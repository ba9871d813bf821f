// The embedded secret file: made once, whole, by whichever process starts first; one that is empty or
// too short (a disk that filled, a hand edit) stops the start instead of signing with a weak key.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { resolveSessionSecret } from '../../src/platform/session-secret.js';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-secret-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

const embedded = () => loadConfig({ DATA_DIR: dataDir });
const secretFile = () => path.join(dataDir, 'session-secret');

describe('the embedded session secret', () => {
  it('is made on first start, kept, and the same for processes starting together', async () => {
    const secrets = await Promise.all(Array.from({ length: 8 }, () => resolveSessionSecret(embedded())));
    expect(new Set(secrets).size).toBe(1);
    expect(secrets[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(await readFile(secretFile(), 'utf8')).toBe(secrets[0]);
    expect(await resolveSessionSecret(embedded())).toBe(secrets[0]);
    // Written beside and then linked into place: no half-written or temporary file is left.
    expect(await readdir(dataDir)).toEqual(['session-secret']);
  });

  it.each([
    ['empty', ''],
    ['blank', ' \n'],
    ['too short', 'short-secret'],
  ])('refuses to start when the file is %s', async (_name, contents) => {
    await writeFile(secretFile(), contents);
    await expect(resolveSessionSecret(embedded())).rejects.toThrow(
      /session-secret holds no usable secret \(at least 32 characters\)/,
    );
    expect(await readFile(secretFile(), 'utf8')).toBe(contents);
  });

  it('takes SESSION_SECRET when it is set, with no file', async () => {
    const secret = 'a'.repeat(40);
    const config = loadConfig({ DATA_DIR: dataDir, SESSION_SECRET: secret });
    expect(await resolveSessionSecret(config)).toBe(secret);
    expect(await readdir(dataDir)).toEqual([]);
  });
});
