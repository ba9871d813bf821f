// Builds the image once for the run from the repository's Dockerfile, on a stand-in for the official Node
// base where no registry is reachable, and tells the tests its name, size and build time.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { LIMITS, podmanOrThrow } from './podman.js';

const REPOSITORY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const IMAGE = 'localhost/vidstream:test';
const CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

declare module 'vitest' {
  export interface ProvidedContext {
    image: string;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  await promisify(execFile)('bash', [path.join(REPOSITORY, 'deploy/container/stand-in-base.sh')], {
    timeout: 600_000,
  });
  // npm inside the build reaches the registry through this machine's CA bundle (CONTAINERS.md).
  const npmrc = path.join(os.tmpdir(), 'vidstream-build-npmrc');
  await writeFile(npmrc, `cafile=${CA_BUNDLE}\n`);
  const started = performance.now();
  await podmanOrThrow(
    [
      'build',
      ...['--format', 'docker', '--pull=never', '--network', 'host', ...LIMITS],
      ...['-v', `${CA_BUNDLE}:${CA_BUNDLE}:ro`, '-v', `${npmrc}:/usr/local/etc/npmrc:ro`],
      ...['-t', IMAGE, REPOSITORY],
    ],
    1_200_000,
  );
  const seconds = Math.round((performance.now() - started) / 1000);
  const size = (await podmanOrThrow(['image', 'inspect', IMAGE, '--format', '{{.Size}}'])).trim();
  console.info(`image ${IMAGE}: built in ${seconds} s, ${Math.round(Number(size) / 1e6)} MB`);
  project.provide('image', IMAGE);
}
