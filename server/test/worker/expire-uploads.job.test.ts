import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, register } from '../support/accounts.js';
import { startTestPlatform, startTestWorker, type TestPlatform } from '../support/test-platform.js';
import { passUploadDeadline, putPart, startUpload } from '../support/uploads.js';

let test: TestPlatform;
beforeAll(async () => {
  test = await startTestPlatform();
  await startTestWorker(test.platform);
});
afterAll(() => test.close());

describe('expire-uploads job', () => {
  it('aborts uploads left incomplete past their deadline and keeps the others', async () => {
    const owner = await register(test.app);
    const stale = await startUpload(test.app, owner.token, 1000);
    await putPart(test.app, stale.parts[0]?.url ?? '', randomBytes(1000));
    const fresh = await startUpload(test.app, owner.token, 1000);
    await passUploadDeadline(test.platform, stale.videoId);

    await test.platform.queue.send('expire-uploads', {});
    const status = (id: string) =>
      test.app.inject({ url: `/api/v1/uploads/${id}`, headers: bearer(owner.token) });
    for (let waited = 0; waited < 15_000 && (await status(stale.videoId)).statusCode !== 404; waited += 250) {
      await sleep(250);
    }
    expect((await status(stale.videoId)).statusCode).toBe(404);
    expect((await putPart(test.app, stale.parts[0]?.url ?? '', randomBytes(1000))).status).toBe(404);
    expect((await status(fresh.videoId)).statusCode).toBe(200);
  });
});
