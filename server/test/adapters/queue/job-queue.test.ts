import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../support/test-platform.js';

let test: TestPlatform;
beforeAll(async () => {
  test = await startTestPlatform();
});
afterAll(() => test.close());

async function jobExists(id: string): Promise<boolean> {
  const { rows } = await sql<{ count: string }>`select count(*) from pgboss.job where id = ${id}`.execute(
    test.platform.database.db,
  );
  return Number(rows[0]?.count) === 1;
}

describe('JobQueue.send inside a transaction', () => {
  it('keeps the job when the transaction commits', async () => {
    const { db } = test.platform.database;
    const id = await db
      .transaction()
      .execute((trx) => test.platform.queue.send('purge-expired-sessions', {}, trx));
    expect(await jobExists(id)).toBe(true);
  });

  it('drops the job with the rest of a rolled-back transaction', async () => {
    const { db } = test.platform.database;
    let id = '';
    await expect(
      db.transaction().execute(async (trx) => {
        await trx
          .insertInto('users')
          .values({ email: 'rolled.back@example.test', password_hash: 'x' })
          .execute();
        id = await test.platform.queue.send('purge-expired-sessions', {}, trx);
        throw new Error('abort the transaction');
      }),
    ).rejects.toThrow('abort the transaction');
    expect(id).not.toBe('');
    expect(await jobExists(id)).toBe(false);
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'rolled.back@example.test')
      .execute();
    expect(user).toEqual([]);
  });
});
