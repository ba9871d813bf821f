// The images compose.yaml names, made here from Debian's packages where no registry is reachable: each
// official name maps to a stand-in (../stand-ins/<name>), built on the stand-in Node base and tagged
// with that name, so compose runs unmodified. A build is skipped when nothing it is made of changed.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { compose } from '../../compose/test/stack.js';

const STAND_INS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../stand-ins');

/** The stand-in for each image repository compose.yaml uses (the tag is compose.yaml's). */
const STAND_IN_FOR: Record<string, string> = {
  postgres: 'postgres',
  'valkey/valkey': 'valkey',
  caddy: 'caddy',
  'minio/minio': 'minio',
  'minio/mc': 'minio',
};

/** `postgres:16` → `docker.io/library/postgres:16`, as Docker and podman read a short name. */
export function qualified(image: string): string {
  const slashes = image.split('/').length - 1;
  if (slashes === 0) return `docker.io/library/${image}`;
  return slashes === 1 && !image.split('/')[0]?.includes('.') ? `docker.io/${image}` : image;
}

/** Stand-in directory → the official names it is tagged with, for every image but VidStream's own. */
export function standInsOfCompose(): Map<string, string[]> {
  const wanted = new Map<string, string[]>();
  for (const [service, { image }] of Object.entries(compose().services)) {
    if (!image || image.includes('VIDSTREAM_IMAGE')) continue;
    const repository = image.replace(/:[^/]*$/, '');
    const standIn = STAND_IN_FOR[repository];
    if (!standIn) throw new Error(`service ${service}: no stand-in for the image ${image}`);
    wanted.set(standIn, [...(wanted.get(standIn) ?? []), qualified(image)]);
  }
  return wanted;
}

/** Builds (or finds built) every stand-in compose.yaml needs, one after the other. */
export async function buildStandIns(): Promise<void> {
  for (const [standIn, names] of standInsOfCompose()) {
    const started = performance.now();
    await promisify(execFile)('bash', [path.join(STAND_INS, 'build.sh'), standIn, ...names], {
      timeout: 600_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    console.info(`stand-in ${standIn} (${names.join(', ')}): ${Math.round(performance.now() - started)} ms`);
  }
}
