// The same upload flow with the platform on S3 storage, configured by environment only: parts go
// straight to the S3 server through presigned URLs, never through the API.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processedPrefix } from '../../src/domain/video-files.js';
import { register } from '../support/accounts.js';
import { makeClip } from '../support/media-clips.js';
import {
  type S3TestServer,
  s3Environment,
  s3StorageOf,
  signBucketPathsWithoutSlash,
  startS3Server,
} from '../support/s3-server.js';
import { startTestPlatform, startTestWorker, type TestPlatform } from '../support/test-platform.js';
import { startUpload, uploadFile, waitUntilSettled } from '../support/uploads.js';

let s3: S3TestServer;
let test: TestPlatform;
let owner: Awaited<ReturnType<typeof register>>;

beforeAll(async () => {
  s3 = await startS3Server();
  test = await startTestPlatform(s3Environment(s3));
  signBucketPathsWithoutSlash(s3StorageOf(test.platform).client);
  owner = await register(test.app);
  await startTestWorker(test.platform);
});
afterAll(async () => {
  await test.close();
  await s3.close();
});

describe('uploads on S3 storage', () => {
  it('hands out presigned part URLs on the storage itself', async () => {
    const plan = await startUpload(test.app, owner.token, 1000);
    const url = new URL(plan.parts[0]?.url ?? '');
    expect(url.origin).toBe(s3.endpoint);
    expect(url.pathname).toMatch(new RegExp(`^/${s3.buckets.raw}/videos/${plan.videoId}/source$`));
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(url.searchParams.get('partNumber')).toBe('1');
  });

  it('takes an upload to a ready video with its ladder in the processed bucket', async () => {
    const clip = await makeClip(os.tmpdir(), `s3-${randomBytes(4).toString('hex')}.mp4`, {
      width: 640,
      height: 360,
      seconds: 4,
    });
    const { video } = await uploadFile(test.app, owner.token, await readFile(clip));
    const current = await waitUntilSettled(test.app, owner.token, video.id);
    expect(current).toMatchObject({ state: 'ready', width: 640, height: 360, error: null });
    const master = await test.platform.storage.headObject(
      'processed',
      `${processedPrefix(video.id)}master.m3u8`,
    );
    expect(master?.contentType).toBe('application/vnd.apple.mpegurl');
    const segment = await test.platform.storage.headObject(
      'processed',
      `${processedPrefix(video.id)}360p/segment-00000.m4s`,
    );
    expect(segment?.contentType).toBe('video/iso.segment');
  }, 90_000);
});
