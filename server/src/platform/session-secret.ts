// The server secret that signs URLs: SESSION_SECRET in production; on embedded defaults one is made on
// first start and kept in DATA_DIR, so signed URLs survive a restart.
import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';

const SHORTEST = 32;

export async function resolveSessionSecret(config: Config): Promise<string> {
  if (config.sessionSecret) return config.sessionSecret;
  const file = path.join(config.dataDir, 'session-secret');
  const existing = await readSecret(file);
  if (existing !== undefined) return existing;
  await mkdir(config.dataDir, { recursive: true });
  // Written whole beside the file, then linked into place: a reader never sees half a secret, and a link
  // never replaces one that another process made first. Whatever the file then holds is the secret.
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(draft, randomBytes(32).toString('hex'), { mode: 0o600 });
  try {
    await link(draft, file).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  } finally {
    await unlink(draft);
  }
  return (await readSecret(file)) as string;
}

/** The file's secret; undefined when there is no file; an error when it holds no usable secret. */
async function readSecret(file: string): Promise<string | undefined> {
  const contents = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (contents === undefined) return undefined;
  const secret = contents.trim();
  if (secret.length < SHORTEST) {
    throw new Error(
      `${file} holds no usable secret (at least ${SHORTEST} characters): put one in it, or delete it to ` +
        'have a new one made (signed-in sessions and handed-out URLs then stop working)',
    );
  }
  return secret;
}
