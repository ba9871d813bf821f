// Roles: the first account of an instance is its administrator; administrators give roles, moderators and
// members cannot; the instance never loses its last administrator; each change is in the audit log.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, register } from '../../support/accounts.js';
import { auditLog } from '../../support/moderation.js';
import { startTestPlatform, type TestPlatform } from '../../support/test-platform.js';

type Person = Awaited<ReturnType<typeof register>>;

let test: TestPlatform;
let first: Person;

beforeAll(async () => {
  test = await startTestPlatform();
  first = await register(test.app);
});
afterAll(() => test.close());

async function roleOf(person: Person): Promise<string> {
  const response = await test.app.inject({ url: '/api/v1/me', headers: bearer(person.token) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().user.role;
}

function setRole(actor: Person, target: { id: string }, payload: object) {
  return test.app.inject({
    method: 'PUT',
    url: `/api/v1/admin/accounts/${target.id}/role`,
    headers: bearer(actor.token),
    payload,
  });
}

describe('roles', () => {
  it('makes the first account administrator, and everyone after a member', async () => {
    expect(await roleOf(first)).toBe('administrator');
    const second = await register(test.app);
    expect(second.response.json().user.role).toBe('member');
    expect(await roleOf(second)).toBe('member');
  });

  it('lets an administrator make a moderator, who then cannot change roles', async () => {
    const person = await register(test.app);
    const other = await register(test.app);
    expect((await setRole(first, person, { role: 'moderator', reason: 'Trusted' })).statusCode).toBe(204);
    expect(await roleOf(person)).toBe('moderator');

    for (const [target, role] of [
      [other, 'moderator'],
      [person, 'administrator'],
      [first, 'member'],
    ] as const) {
      const refused = await setRole(person, target, { role });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('not_administrator');
    }
    expect([await roleOf(other), await roleOf(person), await roleOf(first)]).toEqual([
      'member',
      'moderator',
      'administrator',
    ]);
  });

  it('keeps the last administrator, and lets one step down once another exists', async () => {
    const refused = await setRole(first, first, { role: 'member' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('last_administrator');
    expect(await roleOf(first)).toBe('administrator');

    const deputy = await register(test.app);
    expect((await setRole(first, deputy, { role: 'administrator' })).statusCode).toBe(204);
    expect((await setRole(deputy, first, { role: 'moderator' })).statusCode).toBe(204);
    expect(await roleOf(first)).toBe('moderator');
    expect((await setRole(deputy, deputy, { role: 'member' })).statusCode).toBe(409);
    expect((await setRole(deputy, first, { role: 'administrator' })).statusCode).toBe(204);
  });

  it('logs each change with who made it, from what to what, and why', async () => {
    const person = await register(test.app);
    expect((await setRole(first, person, { role: 'moderator', reason: 'Helps out' })).statusCode).toBe(204);
    const [entry] = await auditLog(test.app, first.token);
    expect(entry).toMatchObject({
      actor: { id: first.id, handle: first.handle },
      action: 'role_changed',
      target: { kind: 'account', id: person.id },
      reason: 'Helps out',
      details: { from: 'member', to: 'moderator' },
    });
  });

  it('refuses bad input with a JSON 400 and changes nothing; an unknown account is 404', async () => {
    const person = await register(test.app);
    const logged = (await auditLog(test.app, first.token)).length;
    for (const payload of [{ role: 'owner' }, {}, { role: 'moderator', reason: '' }]) {
      const response = await setRole(first, person, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code).toBe('invalid_input');
    }
    expect((await setRole(first, { id: 'not-a-uuid' }, { role: 'moderator' })).statusCode).toBe(400);
    const unknown = await setRole(first, { id: randomUUID() }, { role: 'moderator' });
    expect(unknown.statusCode).toBe(404);
    expect(await roleOf(person)).toBe('member');
    expect(await auditLog(test.app, first.token)).toHaveLength(logged);
  });
});
