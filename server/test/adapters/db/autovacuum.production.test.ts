// A PostgreSQL server without autovacuum is reported when the platform starts: view counting rewrites the
// rows of watched videos every few seconds, and nothing else reclaims their old versions.
import { sql } from 'kysely';
import { Client } from 'pg';
import { pino } from 'pino';
import { afterAll, expect, it } from 'vitest';
import { testDatabaseUrl } from '../../support/test-adapters.js';
import { startTestPlatform, type TestPlatform } from '../../support/test-platform.js';

let test: TestPlatform | undefined;
afterAll(() => test?.close());

async function serverAutovacuum(): Promise<string> {
  const client = new Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    return (await client.query<{ autovacuum: string }>('SHOW autovacuum')).rows[0]?.autovacuum ?? '';
  } finally {
    await client.end();
  }
}

it('warns at start exactly when the server runs no autovacuum, and has videos vacuumed early', async () => {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
  test = await startTestPlatform({}, { logger });
  const warned = lines.some((line) => line.includes('autovacuum is off'));
  expect(warned).toBe((await serverAutovacuum()) === 'off');

  const { rows } = await sql<{ reloptions: string[] }>`
    SELECT reloptions FROM pg_class WHERE relname = 'videos'`.execute(test.platform.database.db);
  expect(rows[0]?.reloptions).toEqual(
    expect.arrayContaining(['autovacuum_vacuum_scale_factor=0.01', 'autovacuum_vacuum_threshold=1000']),
  );
});
