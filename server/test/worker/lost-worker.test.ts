// Videos whose worker vanished mid-job (its job active, its lease never renewed), as a worker killed with
// the whole process finds them when it starts again, in embedded mode too: taken up once the lease has
// run out, or failed with a reason when that was the job's last attempt.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from '../support/accounts.js';
import { makeClip } from '../support/media-clips.js';
import { startTestPlatform, startTestWorker, type TestPlatform } from '../support/test-platform.js';
import { uploadFile, waitUntilSettled } from '../support/uploads.js';

let test: TestPlatform;
let owner: Awaited<ReturnType<typeof register>>;
let interrupted: string;
let interruptedLastTime: string;

/** Marks a video's transcode job as taken by a worker that then vanished, on the given attempt. */
async function takenByVanishedWorker(videoId: string, retryCount: number): Promise<void> {
  const { numAffectedRows } = await sql`
    update pgboss.job set state = 'active', started_on = now(), retry_count = ${retryCount}
    where name = 'transcode-video' and data->>'videoId' = ${videoId} and state = 'created'`.execute(
    test.platform.database.db,
  );
  expect(numAffectedRows).toBe(1n);
  await sql`update videos set state = 'processing' where id = ${videoId}`.execute(test.platform.database.db);
}

beforeAll(async () => {
  // The job's own expiry is an hour: only the lease can bring these videos back.
  test = await startTestPlatform({ TRANSCODE_LEASE_SECONDS: '3', TRANSCODE_JOB_EXPIRY_SECONDS: '3600' });
  owner = await register(test.app);
  const clip = await readFile(await makeClip(os.tmpdir(), `lost-worker-${process.pid}.mp4`));
  interrupted = (await uploadFile(test.app, owner.token, clip)).video.id;
  interruptedLastTime = (await uploadFile(test.app, owner.token, clip)).video.id;
  await takenByVanishedWorker(interrupted, 0);
  await takenByVanishedWorker(interruptedLastTime, 3);
  await startTestWorker(test.platform);
});
afterAll(() => test.close());

describe('a worker starting beside jobs of a vanished worker', () => {
  it('takes one up once its lease has run out, and makes the video ready', async () => {
    const video = await waitUntilSettled(test.app, owner.token, interrupted, 60);
    expect(video).toMatchObject({ state: 'ready', error: null });
  });

  it('fails the video whose last attempt it was, with a reason', async () => {
    const video = await waitUntilSettled(test.app, owner.token, interruptedLastTime, 60);
    expect(video).toMatchObject({
      state: 'failed',
      error: 'Processing stopped several times before it could finish; please upload the video again',
    });
  });
});
