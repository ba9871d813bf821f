// The daily processing allowance, performed as an abuser would: a source that declares 11½ hours of
// 1080p30 (a still picture repeated, a few MB), three frames spread over 11½ hours (7 KB), an account
// that has used its day. Processing is charged once per video, when a worker probes it.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UploadQuotaRepository } from '../../src/adapters/db/upload-quota.repository.js';
import { sourceGigapixels, UnusableSource } from '../../src/media/source-facts.js';
import { UploadQuota } from '../../src/services/upload-quota.js';
import { bearer, register } from '../support/accounts.js';
import { probedSource } from '../support/probed-sources.js';
import { startTestPlatform, startTestWorker, type TestPlatform } from '../support/test-platform.js';
import { completeUpload, putPart, startUpload, uploadFile, waitUntilSettled } from '../support/uploads.js';

const run = promisify(execFile);
const ELEVEN_AND_A_HALF_HOURS = 41_400;
let dir: string;
let test: TestPlatform;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-compute-'));
  test = await startTestPlatform();
  await startTestWorker(test.platform);
});
afterAll(async () => {
  await test.close();
  await rm(dir, { recursive: true, force: true });
});

const db = () => test.platform.database.db;
/** An id of the shape videos have; the allowance is charged to ids, whether a row has one or not. */
const videoId = () => randomBytes(8).toString('base64url').slice(0, 11);
const quotaOf = async (token: string) =>
  (await test.app.inject({ url: '/api/v1/uploads/quota', headers: bearer(token) })).json();
const ledgerOf = (ownerId: string) =>
  db().selectFrom('compute_ledger').selectAll().where('owner_id', '=', ownerId).execute();

/** 1080p at `frameRate` for `seconds`, as the probe would describe it. */
const facts = (seconds: number, frameRate: number) =>
  probedSource({ frameRate }, { durationSeconds: seconds });

describe('the daily processing allowance', () => {
  it('refuses 11½ hours of 1080p30 for good, charging nothing, and charges an hour once', async () => {
    const owner = await register(test.app);
    const quota = new UploadQuota(
      new UploadQuotaRepository(db()),
      async () => test.platform.config.uploadQuotas,
    );
    const now = new Date();
    // A still picture repeated at 30 fps compresses to a few MB and decodes as 1.24 million frames.
    const refusal = await quota
      .admitCompute(owner.id, videoId(), facts(ELEVEN_AND_A_HALF_HOURS, 30), now)
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(UnusableSource);
    expect((refusal as UnusableSource).message).toMatch(
      /past its daily allowance of about 6\.7 hours of 1080p video at 30 fps: it needs about 12 hours/,
    );
    expect(await ledgerOf(owner.id)).toEqual([]);

    const hour = videoId();
    await quota.admitCompute(owner.id, hour, facts(3600, 30), now);
    // A retry of the same video (another attempt after a lost worker) is not charged again.
    await quota.admitCompute(owner.id, hour, facts(3600, 30), now);
    const ledger = await ledgerOf(owner.id);
    expect(ledger.map((entry) => [entry.video_id, Math.round(entry.gigapixels)])).toEqual([[hour, 224]]);
    expect((await quotaOf(owner.token)).gigapixelsPerDay).toEqual({
      used: sourceGigapixels(facts(3600, 30)),
      limit: 1500,
    });
  });

  it('processes three frames spread over 11½ hours in one quick pass, charged for its three frames', async () => {
    // A few KB: three 1080p frames, each shown for 3 h 50 min.
    const sparse = path.join(dir, 'sparse.mkv');
    await run('ffmpeg', [
      ...['-nostdin', '-v', 'error', '-f', 'lavfi', '-i', 'color=size=1920x1080:rate=1/13800'],
      ...['-frames:v', '3', '-c:v', 'libx264', '-y', sparse],
    ]);
    const owner = await register(test.app);
    const { video } = await uploadFile(test.app, owner.token, await readFile(sparse));
    const settled = await waitUntilSettled(test.app, owner.token, video.id, 120);
    expect(settled, JSON.stringify(settled)).toMatchObject({
      state: 'ready',
      durationSeconds: ELEVEN_AND_A_HALF_HOURS,
    });
    const [entry] = await ledgerOf(owner.id);
    expect(entry?.gigapixels).toBeCloseTo((3 * 1920 * 1080) / 1e9, 6);
  }, 150_000);

  it('answers 429 to a completion once the day is used, and keeps the upload', async () => {
    const owner = await register(test.app);
    await db()
      .insertInto('compute_ledger')
      .values({
        video_id: videoId(),
        owner_id: owner.id,
        gigapixels: 1500,
        recorded_at: new Date(),
      })
      .execute();
    const clip = path.join(dir, 'clip.mp4');
    await run('ffmpeg', [
      ...['-nostdin', '-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=30:duration=1'],
      ...['-c:v', 'libx264', '-y', clip],
    ]);
    const bytes = await readFile(clip);
    const plan = await startUpload(test.app, owner.token, bytes.length);
    const { etag } = await putPart(test.app, plan.parts[0]?.url ?? '', bytes);
    const refused = await completeUpload(test.app, owner.token, plan, [{ partNumber: 1, etag }]);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({ code: 'daily_compute_limit' });
    expect(refused.json().error.message).toMatch(
      /used your daily processing allowance .* publish it again tomorrow/,
    );
    // Kept: the same parts complete once the day allows.
    const upload = await test.app.inject({
      url: `/api/v1/uploads/${plan.uploadId}`,
      headers: bearer(owner.token),
    });
    expect(upload.statusCode).toBe(200);
  });
});
