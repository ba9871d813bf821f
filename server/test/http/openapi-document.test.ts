// The client is generated from the OpenAPI document: both committed copies must match the routes.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

const CLIENT_API = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../client/src/api');
const REGENERATE = 'the committed copy is stale: run "npm run gen:api" and commit the result';

let test: TestPlatform;
beforeAll(async () => {
  test = await startTestPlatform();
});
afterAll(() => test.close());

describe('generated API client', () => {
  it('client/src/api/openapi.json is the document the server serves', async () => {
    const committed = JSON.parse(await readFile(path.join(CLIENT_API, 'openapi.json'), 'utf8'));
    const served = (await test.app.inject({ url: '/api/openapi.json' })).json();
    expect(served, REGENERATE).toEqual(committed);
  });

  it('client/src/api/schema.d.ts is generated from that document', async () => {
    const { stdout } = await promisify(execFile)(
      'npx',
      ['openapi-typescript', path.join(CLIENT_API, 'openapi.json')],
      {
        cwd: path.join(CLIENT_API, '../..'),
      },
    );
    const committed = await readFile(path.join(CLIENT_API, 'schema.d.ts'), 'utf8');
    expect(stdout.trim(), REGENERATE).toBe(committed.trim());
  });
});
