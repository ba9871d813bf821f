// Sign-ups follow the instance setting: closed refuses and stores nothing; approval creates an account
// that cannot sign in until an administrator approves it, or deletes it when declined, each decision in the
// audit log; the first account of an instance is its administrator whatever the mode.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type NewUser, newUser, promote, randomAddress, register } from '../support/accounts.js';
import { auditLog } from '../support/moderation.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

type Person = Awaited<ReturnType<typeof register>>;

let test: TestPlatform;
let administrator: Person;

beforeAll(async () => {
  test = await startTestPlatform();
  administrator = await register(test.app);
});
afterAll(() => test.close());

async function setSignUps(signUps: string): Promise<void> {
  const response = await test.app.inject({
    method: 'PATCH',
    url: '/api/v1/admin/settings',
    headers: bearer(administrator.token),
    payload: { signUps },
  });
  expect(response.statusCode, response.body).toBe(200);
}

function signUp(app: TestPlatform['app'], user: NewUser) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: user,
    remoteAddress: randomAddress(),
  });
}

function logIn(user: NewUser) {
  return test.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: user.email, password: user.password },
    remoteAddress: randomAddress(),
  });
}

async function pendingIds(token = administrator.token): Promise<string[]> {
  const response = await test.app.inject({ url: '/api/v1/admin/accounts/pending', headers: bearer(token) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items.map((item: { id: string }) => item.id);
}

/** Signs a person up while sign-ups need approval; their account's id, from the list of those waiting. */
async function signUpAwaiting(user: NewUser): Promise<string> {
  const before = await pendingIds();
  const response = await signUp(test.app, user);
  expect(response.statusCode, response.body).toBe(202);
  const [id] = (await pendingIds()).filter((pending) => !before.includes(pending));
  if (!id) throw new Error('the account is not in the list of those waiting');
  return id;
}

function decide(method: 'POST' | 'DELETE', id: string, token = administrator.token) {
  return test.app.inject({
    method,
    url: `/api/v1/admin/accounts/${id}/approval`,
    headers: bearer(token),
    payload: {},
  });
}

describe('closed sign-ups', () => {
  afterAll(() => setSignUps('open'));

  it('refuses a sign-up with sign_ups_closed and stores nothing', async () => {
    await setSignUps('closed');
    const user = newUser();
    const refused = await signUp(test.app, user);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('sign_ups_closed');
    expect(refused.headers['set-cookie']).toBeUndefined();
    expect((await logIn(user)).statusCode).toBe(401);
    expect((await test.app.inject({ url: `/api/v1/channels/${user.handle}` })).statusCode).toBe(404);

    await setSignUps('open');
    expect((await signUp(test.app, user)).statusCode).toBe(201);
  });

  it('tells visitors that sign-ups are closed', async () => {
    await setSignUps('closed');
    expect((await test.app.inject({ url: '/api/v1/instance' })).json().signUps).toBe('closed');
  });
});

describe('sign-ups that need approval', () => {
  beforeAll(() => setSignUps('approval'));
  afterAll(() => setSignUps('open'));

  it('creates an account that waits, tells the person so, and lets nobody sign in with it', async () => {
    const user = newUser();
    const response = await signUp(test.app, user);
    expect(response.statusCode, response.body).toBe(202);
    expect(response.json()).toEqual({ awaitingApproval: true, message: expect.stringMatching(/approv/) });
    expect(response.headers['set-cookie']).toBeUndefined();
    const refused = await logIn(user);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('account_awaiting_approval');
    const wrongPassword = await logIn({ ...user, password: 'not the password at all' });
    expect(wrongPassword.json().error.code).toBe('invalid_credentials');
  });

  it('lets an approved account sign in, and logs who approved it', async () => {
    const user = newUser();
    const id = await signUpAwaiting(user);
    expect((await decide('POST', id)).statusCode).toBe(204);
    expect(await pendingIds()).not.toContain(id);
    const signedIn = await logIn(user);
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    const me = await test.app.inject({ url: '/api/v1/me', headers: bearer(signedIn.json().token) });
    expect(me.json().user.role).toBe('member');

    const [entry] = await auditLog(test.app, administrator.token);
    expect(entry).toMatchObject({
      actor: { id: administrator.id },
      action: 'account_approved',
      target: { kind: 'account', id },
      details: { handle: user.handle },
    });
    expect((await decide('POST', id)).statusCode).toBe(404);
  });

  it('deletes a declined account, so its email and handle are free again, and logs it', async () => {
    const user = newUser();
    const id = await signUpAwaiting(user);
    const declined = await test.app.inject({
      method: 'DELETE',
      url: `/api/v1/admin/accounts/${id}/approval`,
      headers: bearer(administrator.token),
      payload: { reason: 'Spam account' },
    });
    expect(declined.statusCode, declined.body).toBe(204);
    expect((await logIn(user)).statusCode).toBe(401);
    const [entry] = await auditLog(test.app, administrator.token);
    expect(entry).toMatchObject({
      action: 'account_declined',
      target: { kind: 'account', id },
      reason: 'Spam account',
      details: { handle: user.handle },
    });
    expect((await signUp(test.app, user)).statusCode).toBe(202);
  });

  it('refuses to approve or decline an account that does not wait', async () => {
    for (const method of ['POST', 'DELETE'] as const) {
      const response = await decide(method, administrator.id);
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('account_not_pending');
    }
    expect((await decide('POST', 'not-a-uuid')).statusCode).toBe(400);
  });

  it('lets only administrators list, approve and decline', async () => {
    const moderator = newUser();
    const moderatorId = await signUpAwaiting(moderator);
    expect((await decide('POST', moderatorId)).statusCode).toBe(204);
    await promote(test.platform, moderator, 'moderator');
    const token = (await logIn(moderator)).json().token;
    const waiting = await signUpAwaiting(newUser());

    const list = await test.app.inject({ url: '/api/v1/admin/accounts/pending', headers: bearer(token) });
    expect(list.statusCode).toBe(403);
    for (const method of ['POST', 'DELETE'] as const)
      expect((await decide(method, waiting, token)).statusCode).toBe(403);
    expect(await pendingIds()).toContain(waiting);
  });
});

describe('the first account', () => {
  it('is an administrator that needs no approval', async () => {
    const fresh = await startTestPlatform();
    try {
      await fresh.platform.services.instanceSettings.change(
        { id: administrator.id, role: 'administrator' },
        { signUps: 'approval' },
      );
      const first = await signUp(fresh.app, newUser());
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json().user.role).toBe('administrator');
      expect((await signUp(fresh.app, newUser())).statusCode).toBe(202);
    } finally {
      await fresh.close();
    }
  });
});
