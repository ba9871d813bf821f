// Per-address limits count an IPv6 client by its /64, and log-in failures have an account-wide cap that
// a botnet of many addresses reaches, while the owner's known address still signs in.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser, randomAddress, register } from '../support/accounts.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

/** A /64 of its own, and an address inside it. */
function randomPrefix(): string {
  return `2001:db8:${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}`;
}
function inPrefix(prefix: string): string {
  return `${prefix}:${randomBytes(2).toString('hex')}::${randomBytes(2).toString('hex')}`;
}

describe('log-in limits', () => {
  let test: TestPlatform;
  beforeAll(async () => {
    test = await startTestPlatform({
      LOGIN_RATE_LIMIT_PER_MINUTE: '3',
      LOGIN_FAILURES_PER_ACCOUNT: '2',
      LOGIN_FAILURES_PER_ACCOUNT_ALL_ADDRESSES: '4',
      SEARCH_RATE_LIMIT_PER_MINUTE: '2',
    });
  });
  afterAll(() => test.close());

  const logIn = (email: string, password: string, remoteAddress: string) =>
    test.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password },
      remoteAddress,
    });

  it('counts every address of one IPv6 /64 against the same request limit', async () => {
    const prefix = randomPrefix();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const response = await test.app.inject({
        url: '/api/v1/search?q=cats',
        remoteAddress: inPrefix(prefix),
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([200, 200, 429]);
    const neighbour = await test.app.inject({
      url: '/api/v1/search?q=cats',
      remoteAddress: inPrefix(randomPrefix()),
    });
    expect(neighbour.statusCode).toBe(200);
  });

  it('slows failed log-ins from a whole IPv6 /64, whichever address in it they come from', async () => {
    const { email } = await register(test.app);
    const prefix = randomPrefix();
    expect((await logIn(email, 'wrong password', inPrefix(prefix))).statusCode).toBe(401);
    expect((await logIn(email, 'wrong password', inPrefix(prefix))).statusCode).toBe(401);
    // Past the free failures, one attempt per wait: the claim goes to this one, then the next waits.
    await logIn(email, 'wrong password', inPrefix(prefix));
    const refused = await logIn(email, 'wrong password', inPrefix(prefix));
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('rate_limited');
  });

  it('caps failures on one account from many addresses, but lets its owner in from a known one', async () => {
    const owner = await register(test.app, newUser());
    const home = randomAddress();
    expect((await logIn(owner.email, owner.password, home)).statusCode).toBe(200);

    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      statuses.push((await logIn(owner.email, 'a guess', randomAddress())).statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    const capped = await logIn(owner.email, owner.password, randomAddress());
    expect(capped.statusCode).toBe(429);
    expect(capped.json().error.code).toBe('account_login_limit');
    expect(Number(capped.headers['retry-after'])).toBeGreaterThan(0);

    expect((await logIn(owner.email, owner.password, home)).statusCode).toBe(200);
    const other = await register(test.app, newUser());
    expect((await logIn(other.email, other.password, randomAddress())).statusCode).toBe(200);
  });
});
