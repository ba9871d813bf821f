// Object storage going away (an S3 server behind a relay the test cuts): a video deleted meanwhile still
// loses every file once storage is back, and a transcode that met the outage is retried and ends ready.

import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processedPrefix, rawKey } from '../../src/domain/video-files.js';
import { bearer, register } from '../support/accounts.js';
import { eventually } from '../support/eventually.js';
import { makeClip } from '../support/media-clips.js';
import {
  type S3TestServer,
  s3Environment,
  s3StorageOf,
  signBucketPathsWithoutSlash,
  startS3Server,
} from '../support/s3-server.js';
import { startRelay, type TcpRelay } from '../support/tcp-relay.js';
import { startTestPlatform, startTestWorker, type TestPlatform } from '../support/test-platform.js';
import {
  completeUpload,
  partsOf,
  putPart,
  startUpload,
  uploadFile,
  waitUntilSettled,
} from '../support/uploads.js';

let s3: S3TestServer;
let relay: TcpRelay;
let test: TestPlatform;
let owner: Awaited<ReturnType<typeof register>>;
let clip: Buffer;

beforeAll(async () => {
  s3 = await startS3Server();
  relay = await startRelay(new URL(s3.endpoint), 80);
  test = await startTestPlatform({
    ...s3Environment(s3, `http://127.0.0.1:${relay.port}`),
    TRANSCODE_RETRY_DELAY_SECONDS: '1',
  });
  signBucketPathsWithoutSlash(s3StorageOf(test.platform).client);
  owner = await register(test.app);
  await startTestWorker(test.platform);
  const file = `outage-${randomBytes(4).toString('hex')}.mp4`;
  clip = await readFile(await makeClip(os.tmpdir(), file, { width: 320, height: 180, seconds: 2 }));
});
afterAll(async () => {
  await relay.restore();
  await test.close();
  await s3.close();
});

/** Every object left of a video in both buckets, listed on the S3 server itself. */
async function storedKeys(videoId: string): Promise<string[]> {
  const client = s3StorageOf(test.platform).client;
  const listed = await Promise.all(
    [
      [s3.buckets.raw, rawKey(videoId)],
      [s3.buckets.processed, processedPrefix(videoId)],
    ].map(([bucket, prefix]) => client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))),
  );
  return listed.flatMap((page) => (page.Contents ?? []).map((object) => object.Key ?? ''));
}

describe('object storage away', () => {
  it('deletes a video at once, and its files as soon as storage is back', async () => {
    const { video } = await uploadFile(test.app, owner.token, clip);
    expect((await waitUntilSettled(test.app, owner.token, video.id)).state).toBe('ready');
    expect((await storedKeys(video.id)).length).toBeGreaterThan(3);
    relay.cut();
    const deleted = await test.app.inject({
      method: 'DELETE',
      url: `/api/v1/videos/${video.id}`,
      headers: bearer(owner.token),
    });
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect((await test.app.inject({ url: `/api/v1/videos/${video.id}` })).statusCode).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await relay.restore();
    await eventually(async () => (await storedKeys(video.id)).length === 0, 60, 'every file deleted');
  }, 120_000);

  it('retries a transcode that met the outage, which ends ready once storage is back', async () => {
    const { video } = await uploadFile(test.app, owner.token, clip);
    relay.cut();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await relay.restore();
    expect((await waitUntilSettled(test.app, owner.token, video.id, 90)).state).toBe('ready');
    expect(await storedKeys(video.id)).toContain(`${processedPrefix(video.id)}master.m3u8`);
  }, 120_000);

  it('refuses to complete an upload while storage is away, with 503, and completes it after', async () => {
    const plan = await startUpload(test.app, owner.token, clip.length);
    const sent = [];
    for (const [index, part] of partsOf(clip, plan).entries()) {
      const { status, etag } = await putPart(test.app, plan.parts[index]?.url ?? '', part);
      expect(status).toBe(200);
      sent.push({ partNumber: index + 1, etag });
    }
    relay.cut();
    const refused = await completeUpload(test.app, owner.token, plan, sent);
    expect(refused.statusCode, refused.body).toBe(503);
    expect(refused.json().error.code).toBe('storage_unavailable');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await relay.restore();
    const completed = await completeUpload(test.app, owner.token, plan, sent);
    expect(completed.statusCode, completed.body).toBe(200);
    expect((await waitUntilSettled(test.app, owner.token, plan.videoId)).state).toBe('ready');
  }, 120_000);
});
