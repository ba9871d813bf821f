// Cookie-authenticated writes from another site are refused (Origin / Sec-Fetch-Site), and over https
// the session cookie carries the __Host- prefix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, randomAddress, register } from '../support/accounts.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

const PUBLIC_URL = 'http://vidstream.test:8080';

describe('cross-site requests with the session cookie', () => {
  let test: TestPlatform;
  let token: string;
  beforeAll(async () => {
    test = await startTestPlatform({ PUBLIC_URL, CORS_ORIGINS: 'https://app.partner.test' });
    ({ token } = await register(test.app));
  });
  afterAll(() => test.close());

  const rename = (headers: Record<string, string>) =>
    test.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/channel',
      headers: { cookie: `vidstream_session=${token}`, ...headers },
      payload: { displayName: 'Renamed' },
    });

  it.each([
    ['another origin', { origin: 'https://evil.test' }],
    ['a sibling subdomain (same site)', { origin: 'http://evil.vidstream.test:8080' }],
    ['an opaque origin', { origin: 'null' }],
    ['Sec-Fetch-Site cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site same-site', { 'sec-fetch-site': 'same-site' }],
    [
      'a foreign Origin despite same-origin',
      { origin: 'https://evil.test', 'sec-fetch-site': 'same-origin' },
    ],
  ])('refuses %s with 403', async (_what, headers) => {
    const response = await rename(headers);
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('cross_site_request');
  });

  it.each([
    ['its own origin', { origin: PUBLIC_URL }],
    ['an allowed CORS origin', { origin: 'https://app.partner.test' }],
    ['Sec-Fetch-Site same-origin', { 'sec-fetch-site': 'same-origin' }],
    ['Sec-Fetch-Site none (typed by the user)', { 'sec-fetch-site': 'none' }],
    ['neither header (not a browser)', {}],
  ])('lets %s through', async (_what, headers) => {
    expect((await rename(headers)).statusCode).toBe(200);
  });

  it('does not check requests carrying a bearer token, which no other site can make a browser send', async () => {
    const response = await rename({ ...bearer(token), origin: 'https://evil.test' });
    expect(response.statusCode).toBe(200);
  });

  it('does not check reads', async () => {
    const response = await test.app.inject({
      url: '/api/v1/me',
      headers: { cookie: `vidstream_session=${token}`, origin: 'https://evil.test' },
    });
    expect(response.statusCode).toBe(200);
  });
});

describe('the session cookie over https', () => {
  let test: TestPlatform;
  beforeAll(async () => {
    test = await startTestPlatform({ PUBLIC_URL: 'https://vidstream.test' });
  });
  afterAll(() => test.close());

  it('is __Host-vidstream_session, Secure, for path / and no Domain, and only that name signs in', async () => {
    const { response } = await register(test.app);
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/^__Host-vidstream_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; Path=\/(;|$)/);
    expect(cookie).not.toMatch(/Domain=/i);
    const token = response.cookies.find((c) => c.name === '__Host-vidstream_session')?.value;
    const me = (cookie: string) =>
      test.app.inject({ url: '/api/v1/me', headers: { cookie }, remoteAddress: randomAddress() });
    expect((await me(`__Host-vidstream_session=${token}`)).statusCode).toBe(200);
    expect((await me(`vidstream_session=${token}`)).statusCode).toBe(401);
  });
});
