// Cursors come back from clients, so they are input like any other: a cursor nobody issued (an id of
// the wrong kind, a date the database cannot hold, an absurd rank) is refused with 400, never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, register } from '../support/accounts.js';
import { publishStandInVideo } from '../support/published-videos.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let test: TestPlatform;
let viewer: Awaited<ReturnType<typeof register>>;
let pagedRoutes: string[];
const values: Record<string, string> = {};
beforeAll(async () => {
  test = await startTestPlatform();
  viewer = await register(test.app);
  values.id = await publishStandInVideo(test.platform, viewer, 'public');
  values.handle = viewer.handle;
  const comment = await test.app.inject({
    method: 'POST',
    url: `/api/v1/videos/${values.id}/comments`,
    headers: bearer(viewer.token),
    payload: { body: 'first' },
  });
  values.commentId = comment.json().id;
  const document = (await test.app.inject({ url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, { parameters?: { name: string }[] }>>;
  };
  pagedRoutes = Object.entries(document.paths)
    .filter(([, operations]) => operations.get?.parameters?.some(({ name }) => name === 'cursor'))
    .map(([path]) => path);
});
afterAll(() => test.close());

const cursor = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
const UUID = '00000000-0000-4000-8000-000000000000';
const CRAFTED = {
  'an id that is neither a uuid nor a video id': cursor(['2026-01-01T00:00:00.000Z', "x' OR 1=1"]),
  'a date before any the database holds': cursor(['-271821-04-20T00:00:00.000Z', UUID]),
  'a date after any the database holds': cursor(['+275760-09-13T00:00:00.000Z', UUID]),
  'a rank no column holds': cursor(['2026-01-01T00:00:00.000Z', UUID, 1e300]),
  'an id a megabyte long': cursor(['2026-01-01T00:00:00.000Z', 'a'.repeat(1_000_000)]),
};

const fill = (path: string) =>
  path.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    const value = values[name === 'videoId' ? 'id' : name];
    if (value === undefined) throw new Error(`no test value for {${name}} in ${path}`);
    return value;
  });

describe('a crafted cursor', () => {
  it('is tried on every paged list the API has', () => {
    expect(pagedRoutes.length).toBeGreaterThanOrEqual(8);
  });

  it.each(Object.entries(CRAFTED))(
    'with %s is refused with 400 by every paged list',
    async (_name, crafted) => {
      for (const path of pagedRoutes) {
        const url = `${fill(path)}?cursor=${crafted}${path.includes('search') ? '&q=video' : ''}`;
        const response = await test.app.inject({ url, headers: bearer(viewer.token) });
        expect(response.statusCode, `${path}: ${response.body.slice(0, 200)}`).toBe(400);
        expect(response.json().error.code).toBe('invalid_input');
      }
    },
  );
});
