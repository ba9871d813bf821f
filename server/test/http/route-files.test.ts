// Every route is found from its URL alone: /api/v1/<first>/… (or /api/<first> outside the versioned API,
// such as /api/oembed) is handled in routes/<first>.routes.ts or, where <first> is a folder, in
// routes/<first>/<next fixed segment, or <first> itself>.routes.ts.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

const ROUTES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/http/routes');
/** The few URLs outside /api/v1 and /media, each served by the file named here. */
const OUTSIDE_THE_API: Record<string, string> = { healthz: 'health.routes.ts', readyz: 'health.routes.ts' };

/** The route file the rule names for a URL of the OpenAPI document, such as `/api/v1/videos/{id}/comments`. */
function routeFileOf(url: string): string {
  const segments = url
    .replace(/^\/api\/(v1\/)?/, '')
    .replace(/^\//, '')
    .split('/');
  const [first = ''] = segments;
  const outside = OUTSIDE_THE_API[first];
  if (outside) return outside;
  if (!existsSync(path.join(ROUTES, first))) return `${first}.routes.ts`;
  const next = segments.slice(1).find((segment) => !segment.startsWith('{')) ?? first;
  return `${first}/${next}.routes.ts`;
}

let test: TestPlatform;
let paths: string[];

beforeAll(async () => {
  test = await startTestPlatform();
  paths = Object.keys((await test.app.inject({ url: '/api/openapi.json' })).json().paths);
});
afterAll(() => test.close());

describe('route files', () => {
  it('names each URL after its segments', () => {
    expect(routeFileOf('/api/v1/videos/{id}')).toBe('videos/videos.routes.ts');
    expect(routeFileOf('/api/v1/videos/{id}/comments')).toBe('videos/comments.routes.ts');
    expect(routeFileOf('/api/v1/me')).toBe('me/me.routes.ts');
    expect(routeFileOf('/api/v1/me/history/pause')).toBe('me/history.routes.ts');
    expect(routeFileOf('/api/v1/channels/{handle}/videos')).toBe('channels.routes.ts');
    expect(routeFileOf('/media/t/{token}/videos/{id}/{*}')).toBe('media.routes.ts');
    expect(routeFileOf('/api/oembed')).toBe('oembed.routes.ts');
  });

  it('every URL the API serves is declared in the file its segments name', async () => {
    expect(paths.length).toBeGreaterThan(30);
    const misplaced: string[] = [];
    for (const url of paths) {
      const file = path.join(ROUTES, routeFileOf(url));
      const declared = url
        .replace(/^\/(api\/v1|api|media)/, '')
        .replace(/\{\*\}/, '*')
        .replace(/\{(\w+)\}/g, ':$1');
      const source = existsSync(file) ? await readFile(file, 'utf8') : '';
      // The local part endpoint is mounted where the storage adapter's URLs point; it declares the rest.
      const tail = declared.replace(/^\/upload-parts/, '');
      if (!source.includes(`'${declared}'`) && !source.includes(`'${tail}'`))
        misplaced.push(`${url} is not declared in ${path.relative(ROUTES, file)}`);
    }
    expect(misplaced).toEqual([]);
  });
});
