// Per-account upload quotas, each performed as an abuser would: too many uploads at once (also all in
// parallel), too many bytes in a day (also by deleting to get them back), too many videos queued (also
// by completing many at once). No worker runs: queued videos stay queued.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, register } from '../support/accounts.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { completeUpload, partsOf, putPart, startUpload } from '../support/uploads.js';

const MIB = 1024 * 1024;
let test: TestPlatform;

beforeAll(async () => {
  test = await startTestPlatform({
    UPLOADS_IN_FLIGHT_PER_ACCOUNT: '2',
    UPLOAD_BYTES_PER_DAY: String(10 * MIB),
    QUEUED_VIDEOS_PER_ACCOUNT: '1',
  });
});
afterAll(() => test.close());

const start = (token: string, size = 1_000) =>
  test.app.inject({
    method: 'POST',
    url: '/api/v1/uploads',
    headers: bearer(token),
    payload: { fileName: 'clip.mp4', size, contentType: 'video/mp4' },
  });
const quotaOf = async (token: string) =>
  (await test.app.inject({ url: '/api/v1/uploads/quota', headers: bearer(token) })).json();

/** Starts, sends and completes an upload of `bytes`; returns the completion's answer. */
async function publish(token: string, bytes: Buffer) {
  const plan = await startUpload(test.app, token, bytes.length);
  const parts = [];
  for (const [index, part] of partsOf(bytes, plan).entries()) {
    const { etag } = await putPart(test.app, plan.parts[index]?.url ?? '', part);
    parts.push({ partNumber: index + 1, etag });
  }
  return { plan, completed: await completeUpload(test.app, token, plan, parts) };
}

describe('uploads in flight', () => {
  it('refuses a third upload at once with 429 naming the limit, and frees a place when one is aborted', async () => {
    const { token } = await register(test.app);
    const first = await start(token);
    expect((await start(token)).statusCode).toBe(201);
    const third = await start(token);
    expect(third.statusCode).toBe(429);
    expect(third.json().error).toMatchObject({ code: 'uploads_in_flight_limit' });
    expect(third.json().error.message).toMatch(/2 uploads in progress, the most allowed at once \(2\)/);
    // Someone else is not affected.
    expect((await start((await register(test.app)).token)).statusCode).toBe(201);

    await test.app.inject({
      method: 'DELETE',
      url: `/api/v1/uploads/${first.json().uploadId}`,
      headers: bearer(token),
    });
    expect((await start(token)).statusCode).toBe(201);
  });

  it('lets exactly the limit through when many starts arrive at once', async () => {
    const { token } = await register(test.app);
    const answers = await Promise.all(Array.from({ length: 6 }, () => start(token)));
    const statuses = answers.map((answer) => answer.statusCode).sort();
    expect(statuses).toEqual([201, 201, 429, 429, 429, 429]);
    expect((await quotaOf(token)).uploadsInFlight).toEqual({ used: 2, limit: 2 });
  });
});

describe('bytes a day', () => {
  it('refuses an upload that would pass the daily bytes with 413 naming the limit', async () => {
    const { token } = await register(test.app);
    expect((await start(token, 6 * MIB)).statusCode).toBe(201);
    const over = await start(token, 5 * MIB);
    expect(over.statusCode).toBe(413);
    expect(over.json().error).toMatchObject({
      code: 'daily_upload_limit',
      message: 'You may upload 10 MiB a day; you started 6 MiB in the last 24 hours and this file is 5 MiB',
    });
    expect((await start(token, 4 * MIB)).statusCode).toBe(201);
    expect((await quotaOf(token)).bytesPerDay).toEqual({ used: 10 * MIB, limit: 10 * MIB });
  });
});

describe('bytes a day, against an account that deletes to get them back', () => {
  it('counts an aborted upload: abort and start again does not reset the day', async () => {
    const { token } = await register(test.app);
    const first = await start(token, 6 * MIB);
    expect(first.statusCode).toBe(201);
    const aborted = await test.app.inject({
      method: 'DELETE',
      url: `/api/v1/uploads/${first.json().uploadId}`,
      headers: bearer(token),
    });
    expect(aborted.statusCode).toBe(204);
    const again = await start(token, 6 * MIB);
    expect(again.statusCode).toBe(413);
    expect(again.json().error.code).toBe('daily_upload_limit');
    expect((await quotaOf(token)).bytesPerDay).toEqual({ used: 6 * MIB, limit: 10 * MIB });
  });

  it('counts a deleted video, and a video whose row is gone: delete and upload again does not reset the day', async () => {
    const { token, id } = await register(test.app);
    const { plan, completed } = await publish(token, Buffer.alloc(4 * MIB, 3));
    expect(completed.statusCode, completed.body).toBe(200);
    const deleted = await test.app.inject({
      method: 'DELETE',
      url: `/api/v1/videos/${plan.videoId}`,
      headers: bearer(token),
    });
    expect(deleted.statusCode).toBe(204);
    // However the row goes (a purge of deleted videos, say), the bytes it started stay counted.
    await test.platform.database.db.deleteFrom('videos').where('owner_id', '=', id).execute();
    expect((await start(token, 5 * MIB)).statusCode).toBe(201);
    const over = await start(token, 2 * MIB);
    expect(over.statusCode).toBe(413);
    expect(over.json().error.message).toMatch(/you started 9 MiB in the last 24 hours/);
  });
});

describe('videos queued', () => {
  it('refuses to queue a second video with 429 and keeps the upload to publish later', async () => {
    const { token } = await register(test.app);
    const { completed } = await publish(token, Buffer.alloc(2_000, 1));
    expect(completed.statusCode, completed.body).toBe(200);
    expect(completed.json().state).toBe('queued');

    const { plan, completed: refused } = await publish(token, Buffer.alloc(3_000, 2));
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({ code: 'queued_videos_limit' });
    expect(refused.json().error.message).toMatch(/1 videos waiting to be processed.*your upload is kept/);
    const kept = await test.app.inject({ url: `/api/v1/videos/${plan.videoId}`, headers: bearer(token) });
    expect(kept.json().state).toBe('awaiting_upload');
    expect(await quotaOf(token)).toEqual({
      uploadsInFlight: { used: 1, limit: 2 },
      bytesPerDay: { used: 5_000, limit: 10 * MIB },
      queuedVideos: { used: 1, limit: 1 },
      // Charged once a worker probes a video: none runs here.
      gigapixelsPerDay: { used: 0, limit: 1_500 },
    });
  });

  it('answers the quota only to a signed-in account', async () => {
    expect((await test.app.inject({ url: '/api/v1/uploads/quota' })).statusCode).toBe(401);
  });
});

describe('videos queued, completed all at once', () => {
  let roomy: TestPlatform;
  beforeAll(async () => {
    roomy = await startTestPlatform({ UPLOADS_IN_FLIGHT_PER_ACCOUNT: '10', QUEUED_VIDEOS_PER_ACCOUNT: '3' });
  });
  afterAll(() => roomy?.close());

  it('queues exactly the limit when many uploads are completed in parallel', async () => {
    const { token } = await register(roomy.app);
    const sent = await Promise.all(
      Array.from({ length: 8 }, async (_, index) => {
        const bytes = Buffer.alloc(1_000 + index, index);
        const plan = await startUpload(roomy.app, token, bytes.length);
        const { etag } = await putPart(roomy.app, plan.parts[0]?.url ?? '', bytes);
        return { plan, parts: [{ partNumber: 1, etag }] };
      }),
    );
    const answers = await Promise.all(
      sent.map(({ plan, parts }) => completeUpload(roomy.app, token, plan, parts)),
    );
    const statuses = answers.map((answer) => answer.statusCode).sort();
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429, 429, 429]);
    const queued = await roomy.platform.database.db
      .selectFrom('videos')
      .select('id')
      .where('state', '=', 'queued')
      .where(
        'id',
        'in',
        sent.map(({ plan }) => plan.videoId),
      )
      .execute();
    expect(queued).toHaveLength(3);
  });
});
