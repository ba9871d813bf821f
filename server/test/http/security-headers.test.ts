// The Content-Security-Policy follows the public address: over https pages ask browsers to upgrade any
// http request, over http (a server on a LAN name or address) they must not, or the app's own scripts
// would be asked for over https and never load. API answers are data and get a short, stricter set.
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPlatformApp } from '../../src/platform/api-app.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

const opened: { test: TestPlatform; app: FastifyInstance }[] = [];

async function appAt(publicUrl: string): Promise<FastifyInstance> {
  const test = await startTestPlatform({ PUBLIC_URL: publicUrl });
  const app = await buildPlatformApp(test.platform);
  opened.push({ test, app });
  return app;
}

/** The pages' policy: every answer outside the API carries it (here a health check's). */
async function policyServedAt(publicUrl: string): Promise<string> {
  const answer = await (await appAt(publicUrl)).inject({ url: '/healthz' });
  expect(answer.statusCode).toBe(200);
  return String(answer.headers['content-security-policy']);
}

afterAll(async () => {
  for (const { test, app } of opened) {
    await app.close();
    await test.close();
  }
});

describe('the content security policy', () => {
  it('asks browsers to upgrade insecure requests when the public address is https', async () => {
    expect(await policyServedAt('https://videos.example.test')).toMatch(
      /(^|;)upgrade-insecure-requests(;|$)/,
    );
  });

  it('leaves requests as they are when the public address is http on a LAN name', async () => {
    const policy = await policyServedAt('http://video.lan:8080');
    expect(policy).not.toContain('upgrade-insecure-requests');
    // The rest of the policy is unchanged.
    expect(policy).toContain("script-src 'self'");
  });
});

describe('the headers of API answers', () => {
  it('forbid framing and loading anything, and leave out what only pages act on', async () => {
    const app = await appAt('https://videos.example.test');
    for (const url of ['/api/v1/feed/newest', '/api/openapi.json']) {
      const { statusCode, headers } = await app.inject({ url });
      expect(statusCode).toBe(200);
      expect(headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
      expect(headers['x-frame-options']).toBe('DENY');
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['strict-transport-security']).toMatch(/^max-age=\d+/);
      expect(headers['referrer-policy']).toBe('no-referrer');
      for (const pageOnly of ['cross-origin-opener-policy', 'origin-agent-cluster', 'x-xss-protection'])
        expect(headers[pageOnly], pageOnly).toBeUndefined();
    }
    // The API's own documentation is a page.
    const docs = await app.inject({ url: '/api/docs/static/index.html' });
    expect(docs.headers['x-frame-options']).toBe('SAMEORIGIN');
  });
});
