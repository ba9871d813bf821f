import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalDiskStorage } from '../../../src/adapters/storage/local-disk-storage.js';
import { LocalMultipartUploads } from '../../../src/adapters/storage/local-multipart-uploads.js';
import { UploadPartRefused } from '../../../src/adapters/storage/multipart-uploads.js';
import { checkPartGrant } from '../../../src/adapters/storage/part-url-signature.js';

const secret = 'a test secret that is long enough to sign';
let root: string;
let storage: LocalDiskStorage;
let uploads: LocalMultipartUploads;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'vidstream-multipart-'));
  storage = new LocalDiskStorage({ rootDir: root });
  uploads = new LocalMultipartUploads({ rootDir: root, storage, secret });
});
afterAll(() => rm(root, { recursive: true, force: true }));

const key = () => `uploads/${randomBytes(6).toString('hex')}/source`;
const send = (uploadId: string, partNumber: number, bytes: Buffer, maxBytes = 1024 * 1024) =>
  uploads.writePart(
    uploadId,
    partNumber,
    Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]),
    maxBytes,
  );

describe('LocalMultipartUploads', () => {
  it('joins the parts, in order, into the raw object', async () => {
    const objectKey = key();
    const uploadId = await uploads.create(objectKey, 'video/mp4');
    const first = randomBytes(300_000);
    const second = randomBytes(120_000);
    const two = await send(uploadId, 2, second);
    const one = await send(uploadId, 1, first);
    expect(one).toMatchObject({ partNumber: 1, size: 300_000 });
    expect(one.etag).toMatch(/^"[0-9a-f]{32}"$/);

    await uploads.complete(objectKey, uploadId, [one, two]);
    const object = await storage.getObject('raw', objectKey);
    expect(object?.info).toMatchObject({ size: 420_000, contentType: 'video/mp4' });
    expect((await buffer(object?.body as Readable)).equals(Buffer.concat([first, second]))).toBe(true);
    await expect(uploads.listParts(objectKey, uploadId)).rejects.toThrow(UploadPartRefused);
  });

  it('tells a resuming client which parts are stored, and a part sent again replaces the old one', async () => {
    const objectKey = key();
    const uploadId = await uploads.create(objectKey, 'video/mp4');
    await send(uploadId, 1, randomBytes(2000));
    await send(uploadId, 3, randomBytes(2000));
    const again = await send(uploadId, 1, randomBytes(3000));
    expect(
      (await uploads.listParts(objectKey, uploadId)).map((part) => [part.partNumber, part.size]),
    ).toEqual([
      [1, 3000],
      [3, 2000],
    ]);
    expect((await uploads.listParts(objectKey, uploadId))[0]?.etag).toBe(again.etag);
  });

  it('refuses a part the moment it passes its byte limit, keeping nothing of it', async () => {
    const objectKey = key();
    const uploadId = await uploads.create(objectKey, 'video/mp4');
    const error = await send(uploadId, 1, randomBytes(5000), 4096).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ reason: 'too_large' });
    expect(await uploads.listParts(objectKey, uploadId)).toEqual([]);
  });

  it.each([0, 10_001, 1.5])('refuses part number %s', async (partNumber) => {
    const uploadId = await uploads.create(key(), 'video/mp4');
    await expect(send(uploadId, partNumber, randomBytes(10))).rejects.toMatchObject({
      reason: 'bad_part_number',
    });
  });

  it.each(['unknownUploadId000000A', '../../../etc', ''])('refuses the upload id %j', async (uploadId) => {
    await expect(send(uploadId, 1, randomBytes(10))).rejects.toMatchObject({ reason: 'unknown_upload' });
  });

  it('refuses to complete with parts that do not match what was stored', async () => {
    const objectKey = key();
    const uploadId = await uploads.create(objectKey, 'video/mp4');
    const one = await send(uploadId, 1, randomBytes(2000));
    const two = await send(uploadId, 2, randomBytes(2000));
    for (const parts of [
      [],
      [two, one],
      [one, { partNumber: 2, etag: '"0000"' }],
      [one, two, { ...two, partNumber: 3 }],
    ]) {
      await expect(uploads.complete(objectKey, uploadId, parts)).rejects.toMatchObject({
        reason: 'parts_mismatch',
      });
    }
    await expect(uploads.complete(key(), uploadId, [one, two])).rejects.toMatchObject({
      reason: 'unknown_upload',
    });
    expect(await storage.headObject('raw', objectKey)).toBeUndefined();
  });

  it('abort removes every stored part', async () => {
    const objectKey = key();
    const uploadId = await uploads.create(objectKey, 'video/mp4');
    await send(uploadId, 1, randomBytes(2000));
    await uploads.abort(objectKey, uploadId);
    await expect(uploads.listParts(objectKey, uploadId)).rejects.toMatchObject({ reason: 'unknown_upload' });
  });

  it('hands out part URLs on the API whose signature binds the part', async () => {
    const uploadId = await uploads.create(key(), 'video/mp4');
    const expiresAt = new Date('2040-01-01T00:00:00Z');
    const url = new URL(
      await uploads.partUrl('ignored', uploadId, 7, 8_000_000, expiresAt),
      'http://api.test',
    );
    expect(url.pathname).toBe(`/api/v1/upload-parts/${uploadId}/7`);
    const grant = { uploadId, partNumber: 7, maxBytes: 8_000_000, expiresAt: expiresAt.getTime() / 1000 };
    const signature = url.searchParams.get('signature') ?? '';
    expect(url.searchParams.get('expires')).toBe(String(grant.expiresAt));
    expect(url.searchParams.get('maxBytes')).toBe('8000000');
    expect(checkPartGrant(secret, grant, signature, grant.expiresAt - 1)).toBeUndefined();
    expect(checkPartGrant(secret, { ...grant, partNumber: 8 }, signature, grant.expiresAt - 1)).toBe(
      'bad_signature',
    );
  });
});
