// Fair queueing: one account's 50 queued videos do not delay another account's single upload; the next
// free worker takes the account whose turn it is.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobQueue } from '../../src/adapters/queue/job-queue.js';
import { register } from '../support/accounts.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { uploadFile } from '../support/uploads.js';

let test: TestPlatform;
let worker: JobQueue | undefined;
beforeAll(async () => {
  // One account queues 50: above the default quota of queued videos, which is not what this tests.
  test = await startTestPlatform({ QUEUED_VIDEOS_PER_ACCOUNT: '100', UPLOADS_IN_FLIGHT_PER_ACCOUNT: '100' });
});
afterAll(async () => {
  await worker?.stop(0);
  await test.close();
});

/** One worker that notes which video each transcode job is for, in the order it takes them. */
async function startRecordingWorker(taken: string[]): Promise<JobQueue> {
  const queue = await JobQueue.start(
    test.platform.database.queueDatabase,
    test.platform.database.db,
    pino({ level: 'silent' }),
    { maintenanceIntervalSeconds: 3600, pollingIntervalSeconds: 0.5 },
  );
  await queue.work('transcode-video', 1, async ({ videoId }) => void taken.push(videoId));
  return queue;
}

describe('transcode jobs of several accounts', () => {
  it("take one account's single upload no later than second, behind another's 50", async () => {
    const busy = await register(test.app);
    const other = await register(test.app);
    const bytes = randomBytes(2048);
    const busyVideos: string[] = [];
    for (let upload = 0; upload < 50; upload += 1) {
      busyVideos.push((await uploadFile(test.app, busy.token, bytes)).video.id);
    }
    const single = (await uploadFile(test.app, other.token, bytes)).video.id;

    const taken: string[] = [];
    worker = await startRecordingWorker(taken);
    for (let waited = 0; taken.length < 3 && waited < 30_000; waited += 100) await sleep(100);
    expect(taken.indexOf(single)).toBeGreaterThanOrEqual(0);
    expect(taken.indexOf(single)).toBeLessThanOrEqual(1);
    // The busy account's own videos keep the order they were sent in.
    expect(taken.filter((id) => id !== single)).toEqual(busyVideos.slice(0, taken.length - 1));
  }, 120_000);
});
