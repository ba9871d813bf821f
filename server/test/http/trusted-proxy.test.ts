// Rate limits count per client address, and a client cannot pick its own address with X-Forwarded-For:
// only the hops the configured proxies added are believed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomAddress } from '../support/accounts.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

const LIMIT = 3;

/** Log-in attempts through `remoteAddress` until the per-address limit answers; the statuses seen. */
async function attempts(
  test: TestPlatform,
  remoteAddress: string,
  forwardedFor: () => string,
  count: number,
) {
  const statuses: number[] = [];
  for (let attempt = 0; attempt < count; attempt += 1) {
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'x-forwarded-for': forwardedFor() },
      payload: { email: 'nobody@example.test', password: 'whatever1' },
      remoteAddress,
    });
    statuses.push(response.statusCode);
  }
  return statuses;
}

const limited = [...Array(LIMIT).fill(401), 429];

/** A platform for the enclosing describe, trusting proxies as `trustProxy` says. */
function platformTrusting(trustProxy: string) {
  const platform: { test?: TestPlatform } = {};
  beforeAll(async () => {
    platform.test = await startTestPlatform({
      TRUST_PROXY: trustProxy,
      LOGIN_RATE_LIMIT_PER_MINUTE: String(LIMIT),
    });
  });
  afterAll(() => platform.test?.close());
  return () => platform.test as TestPlatform;
}

describe.each([
  ['a hop count', '1'],
  ['a list of proxy addresses', '172.20.0.0/16, 192.0.2.1'],
])('TRUST_PROXY as %s', (_kind, trustProxy) => {
  const test = platformTrusting(trustProxy);
  const proxy = '172.20.0.9';

  it('counts a client by the address its proxy saw, whatever it forged before it', async () => {
    const client = randomAddress();
    const forged = () => `${randomAddress()}, ${randomAddress()}, ${client}`;
    expect(await attempts(test(), proxy, forged, LIMIT + 1)).toEqual(limited);
    expect(await attempts(test(), proxy, () => `${client}, ${randomAddress()}`, 1)).toEqual([401]);
  });
});

describe('TRUST_PROXY as a list of proxy addresses', () => {
  const test = platformTrusting('172.20.0.0/16');

  it('ignores X-Forwarded-For from an address that is not a proxy', async () => {
    expect(await attempts(test(), '198.51.100.7', () => randomAddress(), LIMIT + 1)).toEqual(limited);
  });
});

describe('TRUST_PROXY=false', () => {
  const test = platformTrusting('false');

  it('ignores X-Forwarded-For entirely', async () => {
    const client = randomAddress();
    expect(await attempts(test(), client, () => randomAddress(), LIMIT + 1)).toEqual(limited);
    expect(await attempts(test(), randomAddress(), () => client, 1)).toEqual([401]);
  });
});
