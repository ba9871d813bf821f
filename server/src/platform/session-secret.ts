// The server secret that signs URLs: SESSION_SECRET in production; on embedded defaults one is made on
// first start and kept in DATA_DIR, so signed URLs survive a restart.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';

export async function resolveSessionSecret(config: Config): Promise<string> {
  if (config.sessionSecret) return config.sessionSecret;
  const file = path.join(config.dataDir, 'session-secret');
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  if (existing?.trim()) return existing.trim();
  await mkdir(config.dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  await writeFile(file, secret, { mode: 0o600, flag: 'wx' }).catch(async () => undefined);
  // Another process may have written it first: whatever the file holds is the secret.
  return (await readFile(file, 'utf8')).trim();
}
