// The routes a person could flood (search, comments and replies, reactions, reports, avatar uploads) each allow
// so many requests per client address, then answer 429 with a code naming the limit.
import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, randomAddress, register } from '../support/accounts.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

const LIMIT = 3;

describe('request limits', () => {
  let test: TestPlatform;
  let token: string;
  beforeAll(async () => {
    test = await startTestPlatform({
      SEARCH_RATE_LIMIT_PER_MINUTE: String(LIMIT),
      COMMENT_RATE_LIMIT_PER_MINUTE: String(LIMIT),
      REACTION_RATE_LIMIT_PER_MINUTE: String(LIMIT),
      REPORT_RATE_LIMIT_PER_MINUTE: String(LIMIT),
      AVATAR_UPLOADS_PER_HOUR: String(LIMIT),
    });
    ({ token } = await register(test.app));
  });
  afterAll(() => test.close());

  /** Sends `request` LIMIT + 1 times from one address, then once from another; the last two answers. */
  async function floodOnce(request: () => InjectOptions) {
    const address = randomAddress();
    const statuses: number[] = [];
    let refused: { code: string; message: string } | undefined;
    let retryAfter: string | undefined;
    for (let attempt = 0; attempt <= LIMIT; attempt += 1) {
      const response = await test.app.inject({ ...request(), remoteAddress: address });
      statuses.push(response.statusCode);
      if (response.statusCode === 429) {
        refused = response.json().error;
        retryAfter = response.headers['retry-after'] as string;
      }
    }
    const elsewhere = await test.app.inject({ ...request(), remoteAddress: randomAddress() });
    return { statuses, refused, retryAfter, elsewhere: elsewhere.statusCode };
  }

  it.each([
    ['search', 'search_rate_limit', () => ({ method: 'GET', url: '/api/v1/search?q=cats' })],
    [
      'comments and replies',
      'comment_rate_limit',
      () => ({
        method: 'POST',
        url: `/api/v1/videos/${randomUUID()}/comments`,
        headers: bearer(token),
        payload: { body: 'first!', parentId: randomUUID() },
      }),
    ],
    [
      'reactions',
      'reaction_rate_limit',
      () => ({
        method: 'PUT',
        url: `/api/v1/videos/${randomUUID()}/reaction`,
        headers: bearer(token),
        payload: { value: 'like' },
      }),
    ],
    [
      'taking a reaction back',
      'reaction_rate_limit',
      () => ({ method: 'DELETE', url: `/api/v1/videos/${randomUUID()}/reaction`, headers: bearer(token) }),
    ],
    [
      'reports',
      'report_rate_limit',
      () => ({
        method: 'POST',
        url: '/api/v1/reports',
        headers: bearer(token),
        payload: { kind: 'comment', id: randomUUID(), reason: 'spam' },
      }),
    ],
    [
      'avatar uploads',
      'avatar_rate_limit',
      () => ({
        method: 'PUT',
        url: '/api/v1/me/channel/avatar',
        headers: { ...bearer(token), 'content-type': 'image/png' },
        payload: Buffer.from('not an image'),
      }),
    ],
  ] as const)('limits %s per address with a 429 naming %s', async (_what, code, request) => {
    const { statuses, refused, retryAfter, elsewhere } = await floodOnce(request as () => InjectOptions);
    expect(statuses.slice(0, LIMIT)).not.toContain(429);
    expect(statuses[LIMIT]).toBe(429);
    expect(refused?.code).toBe(code);
    expect(refused?.message).toContain(code);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(elsewhere).not.toBe(429);
  });
});
