// The administrators' users list: newest first, found by the start of a handle, display name or email,
// each account with its role, state, storage and videos; keyset-paged; administrators only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, newUser, promote, register } from '../../support/accounts.js';
import { publishStandInVideo } from '../../support/published-videos.js';
import { startTestPlatform, type TestPlatform } from '../../support/test-platform.js';

type Person = Awaited<ReturnType<typeof register>>;

interface Row {
  id: string;
  email: string;
  handle: string;
  displayName: string;
  role: string;
  state: string;
  suspendedAt: string | null;
  createdAt: string;
  storageBytes: number;
  videoCount: number;
}

let test: TestPlatform;
let administrator: Person;

beforeAll(async () => {
  test = await startTestPlatform();
  administrator = await register(test.app);
});
afterAll(() => test.close());

function list(query: string, token = administrator.token) {
  return test.app.inject({ url: `/api/v1/admin/accounts?${query}`, headers: bearer(token) });
}

async function rows(query: string): Promise<Row[]> {
  const response = await list(query);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items;
}

describe('the users list', () => {
  it('finds accounts by the start of their handle, display name or email, with what they store', async () => {
    const stem = `fen${Date.now().toString(36)}`;
    const person = await register(test.app, newUser({ handle: `${stem}_h`, displayName: `${stem} Name` }));
    await Promise.all([
      publishStandInVideo(test.platform, person, 'public'),
      publishStandInVideo(test.platform, person, 'private'),
    ]);
    const suspend = await test.app.inject({
      method: 'PUT',
      url: `/api/v1/admin/accounts/${person.id}/suspension`,
      headers: bearer(administrator.token),
      payload: { reason: 'Spam' },
    });
    expect(suspend.statusCode).toBe(204);

    const [row] = await rows(`q=${stem}_`);
    expect(row).toEqual({
      id: person.id,
      email: person.email,
      handle: person.handle,
      displayName: person.displayName,
      role: 'member',
      state: 'suspended',
      suspendedAt: expect.any(String),
      createdAt: expect.any(String),
      storageBytes: 2_000,
      videoCount: 2,
    });
    expect((await rows(`q=@${stem.toUpperCase()}_H`)).map(({ id }) => id)).toEqual([person.id]);
    expect((await rows(`q=${encodeURIComponent(`${stem} na`)}`)).map(({ id }) => id)).toEqual([person.id]);
    expect((await rows(`q=${person.email.slice(0, 12)}`)).map(({ id }) => id)).toContain(person.id);
    // Only the start counts, and LIKE's wildcards are plain characters.
    expect(await rows(`q=${stem.slice(2)}`)).toEqual([]);
    expect(await rows('q=%25')).toEqual([]);
    const response = await list('');
    expect(response.json().totalStorageBytes).toBeGreaterThanOrEqual(2_000);
  });

  it('pages newest first, every account once', async () => {
    const people = [];
    for (let index = 0; index < 3; index += 1) people.push(await register(test.app));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await list(`limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.statusCode, response.body).toBe(200);
      const page = response.json() as { items: Row[]; nextCursor: string | null };
      seen.push(...page.items.map(({ id }) => id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.slice(0, 3)).toEqual(people.map(({ id }) => id).reverse());
    expect(seen.at(-1)).toBe(administrator.id);
  });

  it('is for administrators only, and refuses a bad query with a JSON 400', async () => {
    const moderator = await register(test.app);
    await promote(test.platform, moderator, 'moderator');
    const refused = await list('', moderator.token);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('not_administrator');
    expect((await test.app.inject({ url: '/api/v1/admin/accounts' })).statusCode).toBe(401);
    for (const query of ['limit=0', 'cursor=nonsense', `q=${'x'.repeat(201)}`]) {
      const response = await list(query);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.code).toBe('invalid_input');
    }
  });
});
