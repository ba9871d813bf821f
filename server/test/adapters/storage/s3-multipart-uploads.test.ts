// Against a real S3-protocol server that checks SigV4. It implements no ListParts and no
// AbortMultipartUpload, so those two are exercised only against real S3/MinIO.
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3MultipartUploads } from '../../../src/adapters/storage/s3-multipart-uploads.js';
import { createS3Client, S3Storage } from '../../../src/adapters/storage/s3-storage.js';
import { type S3TestServer, signBucketPathsWithoutSlash, startS3Server } from '../../support/s3-server.js';

let s3: S3TestServer;
let s3Config: ConstructorParameters<typeof S3Storage>[0];
let storage: S3Storage;
let uploads: S3MultipartUploads;
beforeAll(async () => {
  s3 = await startS3Server();
  s3Config = {
    endpoint: s3.endpoint,
    publicEndpoint: undefined,
    region: 'us-east-1',
    rawBucket: s3.buckets.raw,
    processedBucket: s3.buckets.processed,
    ...s3.credentials,
    forcePathStyle: true,
  };
  storage = new S3Storage(s3Config);
  signBucketPathsWithoutSlash(storage.client);
  uploads = new S3MultipartUploads(storage.client, s3.buckets.raw);
});
afterAll(() => s3.close());

const inAnHour = () => new Date(Date.now() + 3_600_000);
const put = (url: string, body: Buffer) => fetch(url, { method: 'PUT', body });

describe('S3MultipartUploads', () => {
  it('takes parts through presigned URLs, straight to storage, and joins them', async () => {
    const key = `uploads/${randomBytes(6).toString('hex')}/source`;
    const uploadId = await uploads.create(key, 'video/mp4');
    // S3 wants parts of at least 5 MiB but the last; this server does not check, real storage does.
    const parts = [randomBytes(256 * 1024), randomBytes(100 * 1024)];
    const sent = [];
    for (const [index, bytes] of parts.entries()) {
      const response = await put(
        await uploads.partUrl(key, uploadId, index + 1, bytes.length, inAnHour()),
        bytes,
      );
      expect(response.status).toBe(200);
      sent.push({ partNumber: index + 1, etag: response.headers.get('etag') ?? '' });
    }
    await uploads.complete(key, uploadId, sent);
    const object = await storage.getObject('raw', key);
    expect((await buffer(object?.body as Readable)).equals(Buffer.concat(parts))).toBe(true);
  });

  it('refuses a part of another size than the one signed', async () => {
    const key = `uploads/${randomBytes(6).toString('hex')}/source`;
    const uploadId = await uploads.create(key, 'video/mp4');
    const url = await uploads.partUrl(key, uploadId, 1, 1000, inAnHour());
    expect((await put(url, randomBytes(1001))).status).toBe(403);
  });

  it('refuses a tampered URL: another part number or a changed signature', async () => {
    const key = `uploads/${randomBytes(6).toString('hex')}/source`;
    const uploadId = await uploads.create(key, 'video/mp4');
    const url = new URL(await uploads.partUrl(key, uploadId, 1, 1000, inAnHour()));
    const otherPart = new URL(url);
    otherPart.searchParams.set('partNumber', '2');
    expect((await put(otherPart.toString(), randomBytes(1000))).status).toBe(403);
    const forged = new URL(url);
    forged.searchParams.set('X-Amz-Signature', '0'.repeat(64));
    expect((await put(forged.toString(), randomBytes(1000))).status).toBe(403);
  });

  it('refuses an expired URL', async () => {
    const key = `uploads/${randomBytes(6).toString('hex')}/source`;
    const uploadId = await uploads.create(key, 'video/mp4');
    const url = await uploads.partUrl(key, uploadId, 1, 1000, new Date(Date.now() + 1000));
    await sleep(2_100);
    expect((await put(url, randomBytes(1000))).status).toBe(403);
  });

  it('signs part URLs for the public endpoint, where browsers reach storage, when it has one', async () => {
    // The same server under another name, as a proxy in front of storage would be.
    const publicEndpoint = new URL(s3.endpoint);
    publicEndpoint.hostname = 'localhost';
    const presigner = signBucketPathsWithoutSlash(createS3Client(s3Config, publicEndpoint.origin));
    const publicUploads = new S3MultipartUploads(storage.client, s3.buckets.raw, presigner);
    const key = `uploads/${randomBytes(6).toString('hex')}/source`;
    const uploadId = await publicUploads.create(key, 'video/mp4');
    const bytes = randomBytes(1000);
    const url = await publicUploads.partUrl(key, uploadId, 1, bytes.length, inAnHour());
    expect(new URL(url).host).toBe(publicEndpoint.host);
    const response = await put(url, bytes);
    expect(response.status).toBe(200);
    await publicUploads.complete(key, uploadId, [
      { partNumber: 1, etag: response.headers.get('etag') ?? '' },
    ]);
    const object = await storage.getObject('raw', key);
    expect((await buffer(object?.body as Readable)).equals(bytes)).toBe(true);
  });
});
