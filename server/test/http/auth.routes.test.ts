import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, newUser, randomAddress, register } from '../support/accounts.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let test: TestPlatform;
beforeAll(async () => {
  test = await startTestPlatform({
    TRUST_PROXY: 'true',
    LOGIN_RATE_LIMIT_PER_MINUTE: '8',
    LOGIN_FAILURES_PER_ACCOUNT: '3',
  });
});
afterAll(() => test.close());

function login(email: string, password: string, remoteAddress = randomAddress()) {
  return test.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    remoteAddress,
  });
}

function me(headers: Record<string, string>) {
  return test.app.inject({ method: 'GET', url: '/api/v1/me', headers });
}

describe('register', () => {
  // On embedded PGlite every connection shares one session: concurrent statements once clobbered each other.
  it('registers twenty people at once', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => register(test.app)));
    expect(new Set(results.map((person) => person.id)).size).toBe(20);
  });

  it('creates an account with its channel and signs in', async () => {
    const user = newUser({ handle: 'Ada_Lovelace', displayName: 'Ada' });
    const { response, token } = await register(test.app, user);
    const body = response.json();
    expect(body.user).toMatchObject({
      email: user.email,
      handle: 'Ada_Lovelace',
      displayName: 'Ada',
      avatarUrl: null,
    });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const mine = await me(bearer(token));
    expect(mine.statusCode).toBe(200);
    expect(mine.json().channel).toMatchObject({ handle: 'Ada_Lovelace', subscriberCount: 0, videoCount: 0 });
  });

  it.each([
    ['email', 'email_taken'],
    ['handle', 'handle_taken'],
  ] as const)('refuses an %s already registered in another letter case', async (field, code) => {
    const user = await register(test.app);
    const again = newUser({ [field]: user[field].toUpperCase() });
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: again,
      remoteAddress: randomAddress(),
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe(code);
  });

  it.each([
    ['email', { email: 'not-an-email' }],
    ['password', { password: 'short' }],
    ['handle', { handle: 'no spaces please' }],
    ['handle', { handle: 'ab' }],
    ['displayName', { displayName: '   ' }],
  ])('names the invalid field %s', async (field, change) => {
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { ...newUser(), ...change },
      remoteAddress: randomAddress(),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'invalid_input', field });
  });

  it('names a missing field', async () => {
    const { handle: _omitted, ...withoutHandle } = newUser();
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: withoutHandle,
      remoteAddress: randomAddress(),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'invalid_input', field: 'handle' });
  });

  it('answers malformed JSON with a JSON error', async () => {
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
      remoteAddress: randomAddress(),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_json');
    expect(response.body).not.toContain('    at ');
  });
});

describe('session cookie', () => {
  it('is httpOnly and SameSite=Lax, and not Secure over plain HTTP', async () => {
    const { response } = await register(test.app);
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/^vidstream_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('is Secure when the request came over HTTPS', async () => {
    const user = await register(test.app);
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { email: user.email, password: user.password },
      remoteAddress: randomAddress(),
    });
    expect(response.statusCode).toBe(200);
    expect(String(response.headers['set-cookie'])).toMatch(/; Secure/);
  });

  it('authenticates requests like the bearer token', async () => {
    const { response, handle } = await register(test.app);
    const cookie = response.cookies.find((c) => c.name === 'vidstream_session');
    const mine = await me({ cookie: `vidstream_session=${cookie?.value}` });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().user.handle).toBe(handle);
  });
});

describe('login', () => {
  it('signs in with the right password, whatever the email case', async () => {
    const user = await register(test.app);
    const response = await login(user.email.toUpperCase(), user.password);
    expect(response.statusCode).toBe(200);
    expect(response.json().user.id).toBe(user.id);
    expect((await me(bearer(response.json().token))).statusCode).toBe(200);
  });

  it('gives the same answer for a wrong password and an unknown email', async () => {
    const user = await register(test.app);
    const wrongPassword = await login(user.email, 'not the password');
    const unknownEmail = await login('nobody.here@example.test', user.password);
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownEmail.statusCode).toBe(401);
    expect(wrongPassword.json()).toEqual(unknownEmail.json());
  });

  it('is rate limited per IP address', async () => {
    const address = randomAddress();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 9; attempt += 1) {
      statuses.push((await login(`someone${attempt}@example.test`, 'whatever1', address)).statusCode);
    }
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(401));
    expect(statuses[8]).toBe(429);
    const limited = await login('someone@example.test', 'whatever1', address);
    expect(limited.json().error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login('someone@example.test', 'whatever1', randomAddress())).statusCode).toBe(401);
  });

  it('slows repeated failures from one address with a growing Retry-After, even for the right password', async () => {
    const user = await register(test.app);
    const address = randomAddress();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await login(user.email, 'wrong password', address)).statusCode).toBe(401);
    }
    // Past the free failures one attempt goes through, then each further one waits twice as long.
    expect((await login(user.email, 'wrong password', address)).statusCode).toBe(401);
    const waits: number[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const slowed = await login(user.email, 'wrong password', address);
      expect(slowed.statusCode).toBe(429);
      expect(slowed.json().error.code).toBe('rate_limited');
      waits.push(Number(slowed.headers['retry-after']));
    }
    expect(waits[0]).toBeGreaterThan(0);
    expect(waits[1]).toBeGreaterThan(waits[0] as number);
    expect(waits[2]).toBeGreaterThan(waits[1] as number);
    expect((await login(user.email, user.password, address)).statusCode).toBe(429);
  });

  it('an attacker failing again and again from one address does not stop the owner from another', async () => {
    const owner = await register(test.app);
    const attacker = randomAddress();
    const statuses = new Set<number>();
    for (let attempt = 0; attempt < 100; attempt += 1) {
      statuses.add((await login(owner.email, `guess number ${attempt}`, attacker)).statusCode);
    }
    expect([...statuses].sort()).toEqual([401, 429]);
    expect((await login(owner.email, owner.password, randomAddress())).statusCode).toBe(200);
    expect((await login(owner.email, owner.password, attacker)).statusCode).toBe(429);
  });
});

describe('logout', () => {
  it('revokes only the session it was called with', async () => {
    const user = await register(test.app);
    const second = (await login(user.email, user.password)).json().token as string;
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: bearer(user.token),
    });
    expect(response.statusCode).toBe(204);
    expect(String(response.headers['set-cookie'])).toMatch(/vidstream_session=;/);
    expect((await me(bearer(user.token))).statusCode).toBe(401);
    expect((await me(bearer(second))).statusCode).toBe(200);
  });

  it('logout-all revokes every session of the account and no other account', async () => {
    const user = await register(test.app);
    const other = await register(test.app);
    const second = (await login(user.email, user.password)).json().token as string;
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout-all',
      headers: bearer(second),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ sessionsEnded: 2 });
    expect((await me(bearer(user.token))).statusCode).toBe(401);
    expect((await me(bearer(second))).statusCode).toBe(401);
    expect((await me(bearer(other.token))).statusCode).toBe(200);
  });

  it('requires a session', async () => {
    const response = await test.app.inject({ method: 'POST', url: '/api/v1/auth/logout' });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('unauthorized');
  });
});

describe('me', () => {
  it.each([
    ['no token', {}],
    ['an unknown token', bearer('A'.repeat(43))],
    ['a malformed header', { authorization: 'Basic abc' }],
  ])('answers 401 with %s', async (_case, headers) => {
    const response = await me(headers);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ error: { code: 'unauthorized', message: 'Sign in to do this' } });
  });
});
