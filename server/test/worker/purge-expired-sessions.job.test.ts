import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSessionToken } from '../../src/services/auth/session-tokens.js';
import { startWorker } from '../../src/worker/worker.js';
import { bearer, register } from '../support/accounts.js';
import { startTestPlatform, startTestWorker, type TestPlatform } from '../support/test-platform.js';

let test: TestPlatform;
beforeAll(async () => {
  test = await startTestPlatform();
});
afterAll(() => test.close());

describe('purge-expired-sessions job', () => {
  it('removes expired sessions through the queue and keeps live ones', async () => {
    const { db } = test.platform.database;
    const expired = await register(test.app);
    const live = await register(test.app);
    await db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1_000) })
      .where('token_hash', '=', hashSessionToken(expired.token))
      .execute();
    expect((await test.app.inject({ url: '/api/v1/me', headers: bearer(expired.token) })).statusCode).toBe(
      401,
    );

    await startTestWorker(test.platform);
    await test.platform.queue.send('purge-expired-sessions', {});

    const remaining = async () =>
      (await db.selectFrom('sessions').select('user_id').execute()).map((session) => session.user_id);
    for (let waited = 0; waited < 15_000 && (await remaining()).includes(expired.id); waited += 250)
      await sleep(250);
    expect(await remaining()).not.toContain(expired.id);
    expect(await remaining()).toContain(live.id);
  });

  it('refuses to start a worker with a job that has no handler', async () => {
    await expect(startWorker(test.platform.queue, {} as never, 1, pino({ level: 'silent' }))).rejects.toThrow(
      'no handler for job(s): purge-expired-sessions',
    );
  });
});
