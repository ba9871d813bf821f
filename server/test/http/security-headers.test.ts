// The Content-Security-Policy follows the public address: over https pages ask browsers to upgrade any
// http request, over http (a server on a LAN name or address) they must not, or the app's own scripts
// would be asked for over https and never load.
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPlatformApp } from '../../src/platform/api-app.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

const opened: { test: TestPlatform; app: FastifyInstance }[] = [];

async function policyServedAt(publicUrl: string): Promise<string> {
  const test = await startTestPlatform({ PUBLIC_URL: publicUrl });
  const app = await buildPlatformApp(test.platform);
  opened.push({ test, app });
  const answer = await app.inject({ url: '/api/v1/feed/newest' });
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
