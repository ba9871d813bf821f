// The layer rule of server/src (docs/architecture.md): each folder imports only the layers below it, so
// the domain stays free of storage and HTTP, and a service never reaches into a route.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

/** Layer → the layers its modules may import (besides their own). `*` is the composition root. */
const MAY_IMPORT: Record<string, readonly string[] | '*'> = {
  domain: [],
  media: ['domain'],
  config: [],
  metrics: [],
  adapters: ['domain', 'config'],
  services: ['domain', 'adapters', 'media', 'config', 'metrics'],
  http: ['domain', 'services', 'config', 'metrics'],
  // Jobs arrive through the queue the way requests arrive through Fastify: its adapter is their transport.
  worker: ['domain', 'services', 'adapters/queue'],
  // Live publishes arrive through RTMP the way requests arrive through Fastify.
  ingest: ['domain', 'services'],
  platform: '*',
  main: '*',
};

/** The layer of a module: its first folder below src, or its file name for the modules at the top. */
function layerOf(file: string): string {
  const [first = '', second] = path.relative(SRC, file).split(path.sep);
  if (second === undefined) return first.replace(/\.ts$/, '');
  return first;
}

/** Whether `from` may import `to`; `to` may be named by layer or, for adapters, by adapter folder. */
function mayImport(from: string, to: string): boolean {
  const fromLayer = layerOf(from);
  const toLayer = layerOf(to);
  if (fromLayer === toLayer) return true;
  const allowed = MAY_IMPORT[fromLayer];
  if (allowed === undefined) throw new Error(`${path.relative(SRC, from)} is in no known layer`);
  if (allowed === '*') return true;
  const adapterFolder = path.relative(SRC, to).split(path.sep).slice(0, 2).join('/');
  return allowed.includes(toLayer) || allowed.includes(adapterFolder);
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Every relative import of a module, static or dynamic, type-only included, resolved to a file. */
function importsOf(file: string, source: string): string[] {
  const specifiers = [...source.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map(
    (match) => match[1],
  );
  return specifiers.map((specifier) =>
    path.resolve(path.dirname(file), (specifier as string).replace(/\.js$/, '.ts')),
  );
}

async function violations(): Promise<string[]> {
  const found: string[] = [];
  for (const file of await sourceFiles(SRC)) {
    for (const target of importsOf(file, await readFile(file, 'utf8'))) {
      if (!mayImport(file, target))
        found.push(`${path.relative(SRC, file)} imports ${path.relative(SRC, target)}`);
    }
  }
  return found;
}

describe('layers of server/src', () => {
  it('no module imports a layer it must not', async () => {
    expect(await violations()).toEqual([]);
  });

  it('every module is in a known layer', async () => {
    const unknown = (await sourceFiles(SRC)).filter((file) => MAY_IMPORT[layerOf(file)] === undefined);
    expect(unknown.map((file) => path.relative(SRC, file))).toEqual([]);
  });

  it('refuses the imports the rule forbids', () => {
    const at = (relative: string) => path.join(SRC, relative);
    expect(mayImport(at('adapters/db/video.repository.ts'), at('services/video.service.ts'))).toBe(false);
    expect(mayImport(at('domain/video.ts'), at('adapters/db/schema.ts'))).toBe(false);
    expect(mayImport(at('media/probe.ts'), at('services/errors.ts'))).toBe(false);
    expect(mayImport(at('http/app.ts'), at('adapters/storage/object-storage.ts'))).toBe(false);
    expect(mayImport(at('services/upload.service.ts'), at('http/app.ts'))).toBe(false);
    expect(mayImport(at('worker/worker.ts'), at('adapters/db/schema.ts'))).toBe(false);
    expect(mayImport(at('worker/worker.ts'), at('adapters/queue/job-queue.ts'))).toBe(true);
    expect(mayImport(at('services/upload.service.ts'), at('adapters/db/video.repository.ts'))).toBe(true);
    expect(mayImport(at('platform/platform.ts'), at('http/app.ts'))).toBe(true);
  });

  it('reads every kind of import a module can write', () => {
    const file = path.join(SRC, 'http/app.ts');
    const source = [
      "import { a } from '../adapters/db/schema.js';",
      "import type { B } from './schemas.js';",
      "export { c } from '../services/c.js';",
      "const d = await import('../worker/d.js');",
      "import 'node:fs';",
    ].join('\n');
    expect(importsOf(file, source).map((target) => path.relative(SRC, target))).toEqual([
      'adapters/db/schema.ts',
      'http/schemas.ts',
      'services/c.ts',
      'worker/d.ts',
    ]);
  });
});
