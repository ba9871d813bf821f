// A worker whose scratch disk is full (a small tmpfs as SCRATCH_DIR): the video fails with a reason its
// owner can read once its retries are spent, nothing of it is published, and the same worker goes on to
// process the next video.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processedPrefix } from '../../src/domain/video-files.js';
import { OUT_OF_SCRATCH_SPACE } from '../../src/services/processing/scratch-space.js';
import { register } from '../support/accounts.js';
import { makeClip } from '../support/media-clips.js';
import { startTestPlatform, startTestWorker, type TestPlatform } from '../support/test-platform.js';
import { uploadFile, waitUntilSettled } from '../support/uploads.js';

const run = promisify(execFile);
/** Room for a one-second 320x240 clip and its ladder, not for a bigger video's. */
const SCRATCH_KIB = 640;

let test: TestPlatform;
let clipDir: string;
let scratchDir: string;

beforeAll(async () => {
  clipDir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-scratch-clips-'));
  scratchDir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-scratch-'));
  await run('mount', ['-t', 'tmpfs', '-o', `size=${SCRATCH_KIB}k`, 'tmpfs', scratchDir]).catch(
    (error: Error) => {
      throw new Error(`this test mounts a small tmpfs and so needs root (CI runs as root): ${error.message}`);
    },
  );
  test = await startTestPlatform({ SCRATCH_DIR: scratchDir, TRANSCODE_RETRY_DELAY_SECONDS: '1' });
  await startTestWorker(test.platform);
});
afterAll(async () => {
  await test?.close();
  await run('umount', [scratchDir]).catch(() => undefined);
  await rm(scratchDir, { recursive: true, force: true });
  await rm(clipDir, { recursive: true, force: true });
});

async function expectNothingPublished(videoId: string): Promise<void> {
  // Deleting what is under the prefix finds nothing there.
  expect(await test.platform.storage.deletePrefix('processed', processedPrefix(videoId))).toBe(0);
}

describe('a worker whose scratch disk is full', () => {
  it('fails a video whose source does not fit, with a reason, and then processes one that fits', async () => {
    const owner = await register(test.app);
    const big = await makeClip(clipDir, 'big.mp4', { width: 1280, height: 720, seconds: 4 });
    const { video } = await uploadFile(test.app, owner.token, await readFile(big));
    const failed = await waitUntilSettled(test.app, owner.token, video.id, 120);
    expect(failed).toMatchObject({ state: 'failed', error: OUT_OF_SCRATCH_SPACE });
    await expectNothingPublished(video.id);

    const small = await makeClip(clipDir, 'small.mp4');
    const next = await uploadFile(test.app, owner.token, await readFile(small));
    const ready = await waitUntilSettled(test.app, owner.token, next.video.id, 120);
    expect(ready).toMatchObject({ state: 'ready', error: null });
  }, 180_000);

  it('fails a video whose ladder does not fit beside its source, with nothing of it published', async () => {
    const owner = await register(test.app);
    const clip = await readFile(
      await makeClip(clipDir, 'medium.mp4', { width: 640, height: 360, seconds: 2 }),
    );
    // Room for the source and little more: the download fits, the rungs ffmpeg writes beside it do not.
    const roomKib = Math.ceil(clip.length / 1024) + 64;
    await run('mount', ['-o', `remount,size=${roomKib}k`, scratchDir]);
    try {
      const { video } = await uploadFile(test.app, owner.token, clip);
      const failed = await waitUntilSettled(test.app, owner.token, video.id, 120);
      expect(failed).toMatchObject({ state: 'failed', error: OUT_OF_SCRATCH_SPACE });
      await expectNothingPublished(video.id);
    } finally {
      await run('mount', ['-o', `remount,size=${SCRATCH_KIB}k`, scratchDir]);
    }
  }, 180_000);
});
