// The queued-videos check runs twice: once cheaply, once in the transaction that queues the video. Its
// limits come from the instance settings, which a process rereads when its copy is a few seconds old; that
// read must never happen inside the transaction, where on embedded PGlite (one connection) it would wait
// for the connection the transaction holds until the pool gave up (a 503 for a plain upload).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { InstanceSettingsRepository } from '../../src/adapters/db/instance-settings.repository.js';
import { UploadQuotaRepository } from '../../src/adapters/db/upload-quota.repository.js';
import { QuotaExceeded } from '../../src/domain/upload-quota.js';
import { UploadQuota } from '../../src/services/upload-quota.js';
import { register } from '../support/accounts.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { startUpload } from '../support/uploads.js';

let test: TestPlatform;
beforeAll(async () => {
  test = await startTestPlatform();
});
afterAll(() => test.close());

const db = () => test.platform.database.db;
/** Limits read from the database at every call: a settings copy that has always just expired. */
function quotaReadingSettingsEachTime(overrides: { queuedVideos?: number } = {}): UploadQuota {
  const settings = new InstanceSettingsRepository(db(), test.platform.config.uploadQuotas);
  return new UploadQuota(new UploadQuotaRepository(db()), async () => ({
    ...(await settings.read()).uploadQuotas,
    ...overrides,
  }));
}

it('reads the limits before the transaction that queues a video: one connection is enough', async () => {
  const owner = await register(test.app);
  const admit = await quotaReadingSettingsEachTime().checkQueue(owner.id, new Date());
  const started = Date.now();
  await db()
    .transaction()
    .execute((transaction) => admit(transaction));
  // A read waiting for the transaction's own connection would end in the pool's 5 s timeout.
  expect(Date.now() - started).toBeLessThan(2_000);
});

it('refuses in the transaction what the limits read before it refuse', async () => {
  const owner = await register(test.app);
  const admit = await quotaReadingSettingsEachTime({ queuedVideos: 1 }).checkQueue(owner.id, new Date());
  // Another upload of theirs queued by a parallel completion between the two checks.
  const other = await startUpload(test.app, owner.token, 1_000);
  await db().updateTable('videos').set({ state: 'queued' }).where('id', '=', other.videoId).execute();
  const refusal = await db()
    .transaction()
    .execute((transaction) => admit(transaction))
    .catch((error: unknown) => error);
  expect(refusal).toBeInstanceOf(QuotaExceeded);
  expect((refusal as QuotaExceeded).code).toBe('queued_videos_limit');
});
