// How an attempt that is stopped midway leaves a video: stopped because its worker lost the job's lease,
// it leaves what is published to the worker that took the job over (same prefix); stopped for any other
// reason (the worker shutting down), it withdraws it.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeaseLost } from '../../../src/adapters/queue/leased-jobs.js';
import { MASTER_PLAYLIST, processedPrefix } from '../../../src/domain/video-files.js';
import type { VideoProcessingService } from '../../../src/services/processing/video-processing.service.js';
import { register } from '../../support/accounts.js';
import { makeClip } from '../../support/media-clips.js';
import { startTestPlatform, type TestPlatform } from '../../support/test-platform.js';
import { uploadFile } from '../../support/uploads.js';

let test: TestPlatform;
let processing: VideoProcessingService;
let clip: Buffer;
beforeAll(async () => {
  test = await startTestPlatform(); // no worker: the test runs each attempt itself
  if (!test.platform.services.processing) throw new Error('the test platform has no processing');
  processing = test.platform.services.processing;
  // Long enough at 720p to be stopped while it is encoded.
  clip = await readFile(
    await makeClip(os.tmpdir(), `stopped-${process.pid}.mp4`, { width: 1280, height: 720, seconds: 20 }),
  );
});
afterAll(() => test.close());

/** Runs an attempt on a fresh upload and stops it with `reason` once the video is playable. */
async function stopMidway(reason: Error): Promise<string> {
  const owner = await register(test.app);
  const { video } = await uploadFile(test.app, owner.token, clip);
  const controller = new AbortController();
  const attempt = processing.process(video.id, { isLast: false, signal: controller.signal });
  for (let waited = 0; waited < 60_000; waited += 100) {
    if ((await test.platform.repositories.videos.findById(video.id))?.playable) break;
    await sleep(100);
  }
  expect(await test.platform.repositories.videos.findById(video.id)).toMatchObject({
    state: 'processing',
    playable: true,
  });
  controller.abort(reason);
  await expect(attempt).rejects.toBeDefined();
  return video.id;
}

const master = (videoId: string) =>
  test.platform.storage.headObject('processed', `${processedPrefix(videoId)}${MASTER_PLAYLIST}`);

describe('an attempt stopped midway', () => {
  it('leaves what is published when its worker lost the lease', async () => {
    const videoId = await stopMidway(new LeaseLost('job'));
    expect(await master(videoId)).toBeDefined();
    expect(await test.platform.repositories.videos.findById(videoId)).toMatchObject({
      state: 'processing',
      playable: true,
    });
  }, 120_000);

  it('withdraws what it published when its worker stops', async () => {
    const videoId = await stopMidway(new Error('the worker is shutting down'));
    expect(await master(videoId)).toBeUndefined();
    expect(await test.platform.repositories.videos.findById(videoId)).toMatchObject({
      state: 'processing',
      playable: false,
    });
  }, 120_000);
});
