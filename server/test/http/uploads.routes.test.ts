import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPartGrant } from '../../src/adapters/storage/part-url-signature.js';
import { rawKey } from '../../src/domain/video-files.js';
import { bearer, register } from '../support/accounts.js';
import { makeClip } from '../support/media-clips.js';
import { startTestPlatform, startTestWorker, type TestPlatform } from '../support/test-platform.js';
import {
  completeUpload,
  partsOf,
  putPart,
  startUpload,
  uploadFile,
  waitUntilSettled,
} from '../support/uploads.js';

const MIB = 1024 * 1024;
let test: TestPlatform;
let owner: Awaited<ReturnType<typeof register>>;
let stranger: Awaited<ReturnType<typeof register>>;

beforeAll(async () => {
  test = await startTestPlatform({ MAX_UPLOAD_BYTES: String(64 * MIB) });
  owner = await register(test.app);
  stranger = await register(test.app);
});
afterAll(() => test.close());

const getUpload = (id: string, token = owner.token) =>
  test.app.inject({ url: `/api/v1/uploads/${id}`, headers: bearer(token) });

describe('POST /api/v1/uploads', () => {
  it('plans 8 MiB parts, each with its own URL', async () => {
    const plan = await startUpload(test.app, owner.token, 9 * MIB);
    expect(plan.videoId).toMatch(/^[A-Za-z0-9_-]{11}$/);
    expect(plan.uploadId).toBe(plan.videoId);
    expect(plan.partSize).toBe(8 * MIB);
    expect(plan.parts.map((part) => part.partNumber)).toEqual([1, 2]);
    for (const part of plan.parts)
      expect(part.url).toMatch(/^\/api\/v1\/upload-parts\/[A-Za-z0-9_-]{22}\/\d\?/);
  });

  it.each([
    ['a file over the size limit', { size: 65 * MIB }, 'size'],
    ['a type that is not video', { contentType: 'text/plain' }, 'contentType'],
    ['an empty file', { size: 0 }, 'size'],
    ['a missing file name', { fileName: '' }, 'fileName'],
  ])('refuses %s', async (_case, change, field) => {
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/v1/uploads',
      headers: bearer(owner.token),
      payload: { fileName: 'a.mp4', size: MIB, contentType: 'video/mp4', ...change },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe(field);
  });

  it('requires a signed-in user', async () => {
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/v1/uploads',
      payload: { fileName: 'a.mp4', size: MIB, contentType: 'video/mp4' },
    });
    expect(response.statusCode).toBe(401);
  });
});

describe('a resumable upload', () => {
  it('reports stored parts, completes once, and keeps the exact bytes', async () => {
    const bytes = randomBytes(9 * MIB + 123);
    const plan = await startUpload(test.app, owner.token, bytes.length);
    const [first, second] = partsOf(bytes, plan);
    const one = await putPart(test.app, plan.parts[0]?.url ?? '', first as Buffer);
    expect(one.status).toBe(200);
    expect(one.etag).toMatch(/^"[0-9a-f]{32}"$/);

    // After a reload the client asks what is stored and sends only the rest.
    const status = (await getUpload(plan.uploadId)).json();
    expect(status.state).toBe('awaiting_upload');
    expect(status.storedParts).toEqual([{ partNumber: 1, etag: one.etag, size: 8 * MIB }]);
    const two = await putPart(test.app, status.parts[1].url, second as Buffer);
    expect(two.status).toBe(200);

    const parts = [
      { partNumber: 1, etag: one.etag },
      { partNumber: 2, etag: two.etag },
    ];
    const completed = await completeUpload(test.app, owner.token, plan, parts);
    expect(completed.statusCode, completed.body).toBe(200);
    expect(completed.json()).toMatchObject({
      id: plan.videoId,
      state: 'queued',
      title: 'Holiday in the hills',
      visibility: 'public',
    });
    const again = await completeUpload(test.app, owner.token, plan, parts);
    expect(again.statusCode).toBe(200);
    expect(again.json().state).toBe('queued');

    const stored = await test.platform.storage.getObject('raw', rawKey(plan.videoId));
    expect((await buffer(stored?.body as Readable)).equals(bytes)).toBe(true);
  });

  it('refuses to complete with parts that were not stored', async () => {
    const bytes = randomBytes(1000);
    const plan = await startUpload(test.app, owner.token, bytes.length);
    await putPart(test.app, plan.parts[0]?.url ?? '', bytes);
    const response = await completeUpload(test.app, owner.token, plan, [{ partNumber: 1, etag: '"0123"' }]);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe('parts');
  });

  it('refuses a file of another size than announced', async () => {
    const plan = await startUpload(test.app, owner.token, 1000);
    const part = await putPart(test.app, plan.parts[0]?.url ?? '', randomBytes(900));
    const response = await completeUpload(test.app, owner.token, plan, [{ partNumber: 1, etag: part.etag }]);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/900 bytes but 1000 were announced/);
    expect((await getUpload(plan.uploadId)).statusCode).toBe(404);
  });

  /**
   * An upload whose first completion failed between storage and the database (PostgreSQL, or the process,
   * lost there): storage has joined the parts into the file, the video is not queued.
   */
  async function assembledButNotQueued() {
    const bytes = randomBytes(1000);
    const plan = await startUpload(test.app, owner.token, bytes.length);
    const { etag } = await putPart(test.app, plan.parts[0]?.url ?? '', bytes);
    const parts = [{ partNumber: 1, etag }];
    const storage = test.platform.storage;
    const headObject = storage.headObject.bind(storage);
    storage.headObject = async () => {
      storage.headObject = headObject;
      throw new Error('lost between storage and the database');
    };
    expect((await completeUpload(test.app, owner.token, plan, parts)).statusCode).toBe(500);
    expect(await storage.headObject('raw', rawKey(plan.videoId))).toBeDefined();
    return { plan, parts };
  }

  it('queues, sent again, an upload whose first completion failed after storage assembled the file', async () => {
    const { plan, parts } = await assembledButNotQueued();
    const retried = await completeUpload(test.app, owner.token, plan, parts);
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json().state).toBe('queued');
  });

  it('aborts, file and all, an upload whose completion failed after storage assembled the file', async () => {
    const { plan } = await assembledButNotQueued();
    const aborted = await test.app.inject({
      method: 'DELETE',
      url: `/api/v1/uploads/${plan.uploadId}`,
      headers: bearer(owner.token),
    });
    expect(aborted.statusCode, aborted.body).toBe(204);
    expect((await getUpload(plan.uploadId)).statusCode).toBe(404);
    expect(await test.platform.storage.headObject('raw', rawKey(plan.videoId))).toBeUndefined();
  });

  it('abort frees the upload', async () => {
    const plan = await startUpload(test.app, owner.token, 1000);
    await putPart(test.app, plan.parts[0]?.url ?? '', randomBytes(1000));
    const response = await test.app.inject({
      method: 'DELETE',
      url: `/api/v1/uploads/${plan.uploadId}`,
      headers: bearer(owner.token),
    });
    expect(response.statusCode).toBe(204);
    expect((await getUpload(plan.uploadId)).statusCode).toBe(404);
    expect((await putPart(test.app, plan.parts[0]?.url ?? '', randomBytes(1000))).status).toBe(404);
  });

  it("is nobody else's to resume, complete or abort", async () => {
    const plan = await startUpload(test.app, owner.token, 1000);
    expect((await getUpload(plan.uploadId, stranger.token)).statusCode).toBe(403);
    const completed = await completeUpload(test.app, stranger.token, plan, [{ partNumber: 1, etag: '"x"' }]);
    expect(completed.statusCode).toBe(403);
    const aborted = await test.app.inject({
      method: 'DELETE',
      url: `/api/v1/uploads/${plan.uploadId}`,
      headers: bearer(stranger.token),
    });
    expect(aborted.statusCode).toBe(403);
    expect((await getUpload(plan.uploadId)).statusCode).toBe(200);
  });
});

describe('the local part endpoint', () => {
  /** SESSION_SECRET in production; on embedded defaults the one the platform made under DATA_DIR. */
  const secret = async () =>
    test.platform.config.sessionSecret ?? (await readFile(path.join(test.dataDir, 'session-secret'), 'utf8'));

  it('refuses a tampered signature, another part number, an expired grant and an oversize part', async () => {
    const plan = await startUpload(test.app, owner.token, 9 * MIB);
    const url = new URL(plan.parts[0]?.url ?? '', 'http://api.test');
    const storageUploadId = url.pathname.split('/')[4] ?? '';

    const tampered = new URL(url);
    tampered.searchParams.set('signature', `${'A'.repeat(42)}B`);
    const bad = await putPart(test.app, `${tampered.pathname}${tampered.search}`, randomBytes(10));
    expect([bad.status, JSON.parse(bad.body ?? '{}').error.code]).toEqual([403, 'invalid_signature']);

    const otherPart = `${url.pathname.replace(/\/1$/, '/2')}${url.search}`;
    expect((await putPart(test.app, otherPart, randomBytes(10))).status).toBe(403);

    const expiresAt = Math.floor(Date.now() / 1000) - 1;
    const grant = { uploadId: storageUploadId, partNumber: 1, expiresAt, maxBytes: 8 * MIB };
    const query = new URLSearchParams({
      expires: String(expiresAt),
      maxBytes: String(8 * MIB),
      signature: signPartGrant(await secret(), grant),
    });
    const expired = await putPart(test.app, `${url.pathname}?${query}`, randomBytes(10));
    expect([expired.status, JSON.parse(expired.body ?? '{}').error.code]).toEqual([403, 'url_expired']);

    const tooBig = await putPart(test.app, plan.parts[0]?.url ?? '', randomBytes(8 * MIB + 1));
    expect(tooBig.status).toBe(413);
    expect((await getUpload(plan.uploadId)).json().storedParts).toEqual([]);
  });
});

describe('upload to playable', () => {
  it('turns an uploaded clip into a ready video its owner can follow', async () => {
    await startTestWorker(test.platform);
    const clip = await makeClip(os.tmpdir(), `upload-${randomBytes(4).toString('hex')}.mp4`, {
      width: 640,
      height: 360,
      seconds: 4,
    });
    const { video } = await uploadFile(test.app, owner.token, await readFile(clip));
    expect(video.state).toBe('queued');

    const current = await waitUntilSettled(test.app, owner.token, video.id);
    expect(current).toMatchObject({ state: 'ready', progress: 100, width: 640, height: 360, error: null });
    expect(current.renditions.map((rendition: { name: string }) => rendition.name)).toEqual(['240p', '360p']);

    const asStranger = await test.app.inject({
      url: `/api/v1/videos/${video.id}`,
      headers: bearer(stranger.token),
    });
    expect(asStranger.statusCode).toBe(200);
    expect(asStranger.json()).not.toHaveProperty('progress');
  }, 90_000);
});
