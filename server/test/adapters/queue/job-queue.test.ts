import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobQueue } from '../../../src/adapters/queue/job-queue.js';
import { startTestPlatform, type TestPlatform } from '../../support/test-platform.js';

let test: TestPlatform;
beforeAll(async () => {
  test = await startTestPlatform();
});
afterAll(() => test.close());

async function jobRow(id: string) {
  const { rows } = await sql<{ state: string; retry_count: number }>`
    select state, retry_count from pgboss.job where id = ${id}`.execute(test.platform.database.db);
  return rows[0];
}

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

describe('JobQueue.stop', () => {
  it('lets a job that ends within the grace period finish, and hands one that does not back at once', async () => {
    // A worker of its own: the platform's queue takes no transcode jobs in this file.
    const worker = await JobQueue.start(
      test.platform.database.queueDatabase,
      test.platform.database.db,
      pino({ level: 'silent' }),
      {
        maintenanceIntervalSeconds: 3600,
        pollingIntervalSeconds: 0.5,
      },
    );
    const quick = `quick-${randomBytes(4).toString('hex')}`;
    const started = new Set<string>();
    let abortedWith: unknown;
    await worker.work('transcode-video', 2, async ({ videoId }, { signal }) => {
      started.add(videoId);
      if (videoId === quick) return void (await sleep(100));
      await new Promise((_, reject) =>
        signal.addEventListener('abort', () => {
          abortedWith = signal.reason;
          reject(signal.reason);
        }),
      );
    });
    const quickId = await test.platform.queue.send('transcode-video', { videoId: quick });
    const slowId = await test.platform.queue.send('transcode-video', { videoId: 'slow' });
    for (let waited = 0; started.size < 2 && waited < 30_000; waited += 100) await sleep(100);
    expect(started.size).toBe(2);

    await worker.stop(5_000);
    expect(abortedWith).toBeInstanceOf(Error);
    expect(await jobRow(quickId)).toMatchObject({ state: 'completed' });
    // Back as it was before it was taken: no attempt used, for any worker to take now.
    expect(await jobRow(slowId)).toMatchObject({ state: 'created', retry_count: 0 });
  }, 60_000);
});
