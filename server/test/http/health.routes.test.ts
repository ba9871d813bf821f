import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay } from '../support/tcp-relay.js';
import { testAdapters, testDatabaseUrl } from '../support/test-adapters.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let test: TestPlatform;
beforeAll(async () => {
  test = await startTestPlatform();
});
afterAll(() => test.close());

describe('health', () => {
  it('/healthz says the process is up', async () => {
    const response = await test.app.inject({ url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('/readyz reports every dependency up', async () => {
    const response = await test.app.inject({ url: '/readyz' });
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report.status).toBe('ready');
    for (const name of ['database', 'storage', 'queue', 'cache'])
      expect(report.checks[name].status).toBe('up');
  });

  it('sets the security headers on every answer, the media origin allowed by the CSP', async () => {
    for (const url of ['/healthz', '/api/v1/nothing-here']) {
      const { headers } = await test.app.inject({ url });
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(headers['strict-transport-security']).toMatch(/^max-age=\d+/);
      const csp = String(headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain(
        `media-src 'self' blob: data: ${new URL(test.platform.config.mediaBaseUrl).origin}`,
      );
    }
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const response = await test.app.inject({ url: '/api/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
  });

  it('serves the OpenAPI document and its browsable docs', async () => {
    const document = await test.app.inject({ url: '/api/openapi.json' });
    expect(document.statusCode).toBe(200);
    expect(document.json().paths).toHaveProperty(['/api/v1/auth/register']);
    expect(document.json().components.schemas).toHaveProperty('ErrorResponse');
    const docs = await test.app.inject({ url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toMatch(/text\/html/);
  });
});

/** What a public /readyz may say of a dependency down: never the driver's error, its hosts or ports. */
const PLAIN_REASON = /^(refused or failed to answer|no answer within \d+ ms)$/;

describe('readiness when a dependency is down', () => {
  it('answers 503 when the database becomes unreachable', async () => {
    const relay =
      testAdapters === 'production' ? await startRelay(new URL(testDatabaseUrl), 5432) : undefined;
    const own = await startTestPlatform({}, { databasePort: relay?.port });
    try {
      expect((await own.app.inject({ url: '/readyz' })).statusCode).toBe(200);
      // Production: the network path to PostgreSQL is cut. Embedded: the in-process database is closed.
      if (relay) relay.cut();
      else await own.platform.database.close();
      const response = await own.app.inject({ url: '/readyz' });
      expect(response.statusCode).toBe(503);
      expect(response.json().status).toBe('unavailable');
      expect(response.json().checks.database.status).toBe('down');
      expect(response.json().checks.database.error).toMatch(PLAIN_REASON);
      expect((await own.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await own.close().catch(() => {});
    }
  });

  it('stays ready, marked degraded, when the cache is unreachable', async () => {
    const own = await startTestPlatform(
      testAdapters === 'production' ? { REDIS_URL: 'redis://127.0.0.1:1' } : {},
    );
    try {
      const response = await own.app.inject({ url: '/readyz' });
      expect(response.statusCode).toBe(200);
      const expected = testAdapters === 'production' ? ['degraded', 'down'] : ['ready', 'up'];
      expect([response.json().status, response.json().checks.cache.status]).toEqual(expected);
      if (testAdapters === 'production') expect(response.json().checks.cache.error).toMatch(PLAIN_REASON);
    } finally {
      await own.close();
    }
  });
});
