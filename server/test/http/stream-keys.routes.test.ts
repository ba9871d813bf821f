// Stream keys over HTTP: a key is shown once, when made, and only its hash is kept; lists never show it;
// its owner alone revokes it; bad names and a channel's key limit are refused with nothing stored.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_STREAM_KEYS_PER_CHANNEL, STREAM_KEY_NAME_MAX_LENGTH } from '../../src/domain/stream-key.js';
import { bearer, register } from '../support/accounts.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let test: TestPlatform;
beforeAll(async () => {
  test = await startTestPlatform({ PUBLIC_URL: 'https://video.example.org', LIVE_RTMP_PORT: '1936' });
});
afterAll(() => test.close());

type Person = Awaited<ReturnType<typeof register>>;

const makeKey = (person: Person, payload: Record<string, unknown>) =>
  test.app.inject({ method: 'POST', url: '/api/v1/me/stream-keys', headers: bearer(person.token), payload });
const listKeys = async (person: Person) => {
  const response = await test.app.inject({ url: '/api/v1/me/stream-keys', headers: bearer(person.token) });
  expect(response.statusCode).toBe(200);
  return response;
};
const revokeKey = (person: Person, id: string) =>
  test.app.inject({ method: 'DELETE', url: `/api/v1/me/stream-keys/${id}`, headers: bearer(person.token) });
const storedKeys = async (ownerId: string) => {
  const { rows } = await sql<{ name: string; key_hash: string; revoked_at: Date | null }>`
    SELECT name, key_hash, revoked_at FROM stream_keys WHERE owner_id = ${ownerId}`.execute(
    test.platform.database.db,
  );
  return rows;
};

describe('stream keys', () => {
  it('shows the key once, with where to publish it, and stores only its SHA-256', async () => {
    const owner = await register(test.app);
    const made = await makeKey(owner, { name: '  Studio OBS ' });
    expect(made.statusCode).toBe(201);
    const { id, name, key, ingestUrl } = made.json();
    expect(name).toBe('Studio OBS');
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(ingestUrl).toBe(`rtmp://video.example.org:1936/live/${key}`);

    const stored = await storedKeys(owner.id);
    expect(stored).toEqual([
      { name: 'Studio OBS', key_hash: createHash('sha256').update(key).digest('hex'), revoked_at: null },
    ]);
    const listed = await listKeys(owner);
    expect(listed.body).not.toContain(key);
    expect(listed.json().items).toEqual([
      { id, name: 'Studio OBS', createdAt: expect.any(String), liveVideoId: null },
    ]);
  });

  it('lists only my own keys, oldest first, and never their secrets', async () => {
    const [owner, other] = await Promise.all([register(test.app), register(test.app)]);
    const first = (await makeKey(owner, { name: 'first' })).json();
    const second = (await makeKey(owner, { name: 'second' })).json();
    await makeKey(other, { name: 'theirs' });
    const listed = await listKeys(owner);
    expect(listed.json().items.map((key: { id: string }) => key.id)).toEqual([first.id, second.id]);
    for (const secret of [first.key, second.key]) expect(listed.body).not.toContain(secret);
  });

  it('revokes a key: gone from the list, kept as revoked, and a second revoke is not found', async () => {
    const owner = await register(test.app);
    const made = (await makeKey(owner, { name: 'to revoke' })).json();
    expect((await revokeKey(owner, made.id)).statusCode).toBe(204);
    expect((await listKeys(owner)).json().items).toEqual([]);
    expect((await storedKeys(owner.id))[0]?.revoked_at).toBeInstanceOf(Date);

    const again = await revokeKey(owner, made.id);
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('stream_key_not_found');
  });

  it('does not let another person revoke my key, nor tell them it exists', async () => {
    const [owner, other] = await Promise.all([register(test.app), register(test.app)]);
    const made = (await makeKey(owner, { name: 'mine' })).json();
    const refused = await revokeKey(other, made.id);
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe('stream_key_not_found');
    expect((await listKeys(owner)).json().items).toHaveLength(1);
    expect((await storedKeys(owner.id))[0]?.revoked_at).toBeNull();
  });

  it.each([
    ['no name', {}],
    ['an empty name', { name: '' }],
    ['a blank name', { name: '   ' }],
    ['a name too long', { name: 'x'.repeat(STREAM_KEY_NAME_MAX_LENGTH + 1) }],
    ['a name that is not text', { name: { first: 'x' } }],
  ])('refuses %s with a 400 and stores nothing', async (_case, payload) => {
    const owner = await register(test.app);
    const refused = await makeKey(owner, payload);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('invalid_input');
    expect(await storedKeys(owner.id)).toEqual([]);
  });

  it('never takes a key the client chose: the platform makes every key', async () => {
    const owner = await register(test.app);
    const made = await makeKey(owner, { name: 'ok', key: 'chosen-by-me' });
    expect(made.statusCode).toBe(201);
    expect(made.json().key).not.toBe('chosen-by-me');
    expect((await storedKeys(owner.id))[0]?.key_hash).toBe(
      createHash('sha256').update(made.json().key).digest('hex'),
    );
  });

  it('refuses a revoke of something that is not a key id', async () => {
    const owner = await register(test.app);
    expect((await revokeKey(owner, 'not-a-uuid')).statusCode).toBe(400);
  });

  it('holds a channel to its key limit, and frees a place when a key is revoked', async () => {
    const owner = await register(test.app);
    const made = [];
    for (let index = 0; index < MAX_STREAM_KEYS_PER_CHANNEL; index += 1)
      made.push((await makeKey(owner, { name: `encoder ${index}` })).json());
    const refused = await makeKey(owner, { name: 'one too many' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('stream_key_limit');
    expect(await storedKeys(owner.id)).toHaveLength(MAX_STREAM_KEYS_PER_CHANNEL);

    await revokeKey(owner, made[0].id);
    expect((await makeKey(owner, { name: 'replacement' })).statusCode).toBe(201);
  });

  it('asks who is making, listing or revoking keys', async () => {
    for (const response of await Promise.all([
      test.app.inject({ method: 'POST', url: '/api/v1/me/stream-keys', payload: { name: 'x' } }),
      test.app.inject({ url: '/api/v1/me/stream-keys' }),
      test.app.inject({ method: 'DELETE', url: `/api/v1/me/stream-keys/${crypto.randomUUID()}` }),
    ]))
      expect(response.statusCode).toBe(401);
  });
});
