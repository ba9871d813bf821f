// What each role asks of AWS, recorded while the platform runs its flows on S3 storage: uploads started,
// resumed, aborted, expired and completed, a long upload transcoded in chunks start to finish, an upload
// that fails, media and avatars served, a video made private and deleted, readiness checked. The calls are
// compared with deploy/aws/test/recorded-calls.json, which the deploy suite checks against each role's
// policy in the synthesized stack: a new call fails here until that file, and so the grants, follow it.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Storage } from '../../src/adapters/storage/s3-storage.js';
import { piecesPrefix } from '../../src/domain/video-files.js';
import type { VideoJson } from '../../src/http/video.schemas.js';
import { buildPlatformApp } from '../../src/platform/api-app.js';
import { buildOpsApp } from '../../src/platform/ops-app.js';
import { bearer, register } from '../support/accounts.js';
import { eventually } from '../support/eventually.js';
import {
  type KeyValueStoreStandIn,
  STORE_ARN,
  startKeyValueStoreStandIn,
} from '../support/key-value-store-stand-in.js';
import { makeClip } from '../support/media-clips.js';
import { actAs, asRoles, CallRecorder, type RecordedCalls } from '../support/recorded-calls.js';
import {
  answerMultipartCommandsTheServerLacks,
  type S3TestServer,
  s3Environment,
  s3StorageOf,
  signBucketPathsWithoutSlash,
  startS3Server,
} from '../support/s3-server.js';
import { startTestPlatform, startTestWorker, type TestPlatform } from '../support/test-platform.js';
import {
  passUploadDeadline,
  putPart,
  startUpload,
  uploadFile,
  waitUntilSettled,
} from '../support/uploads.js';

const MANIFEST = fileURLToPath(new URL('../../../deploy/aws/test/recorded-calls.json', import.meta.url));
const REGENERATE = 'UPDATE_RECORDED_CALLS=1 npx vitest run test/platform/recorded-calls.test.ts (in server/)';
// Short chunks, so a 20-s clip takes the path of a source of two minutes and more.
const CHUNKING = { CHUNKED_TRANSCODE_MIN_SECONDS: '10', TRANSCODE_CHUNK_SECONDS: '8' };

let s3: S3TestServer;
let standIn: KeyValueStoreStandIn;
let test: TestPlatform;
let observer: S3Storage;
/** The platform's API and the ops app a worker serves, each running its requests as its role. */
let api: FastifyInstance;
let worker: FastifyInstance;
let dir: string;
const recorder = new CallRecorder();

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-recorded-calls-'));
  s3 = await startS3Server();
  standIn = await startKeyValueStoreStandIn();
  const keyValueStore = standIn.client();
  recorder.recordKeyValueStore(keyValueStore);
  // Every role opens the platform first; `vidstream migrate` does nothing else.
  test = await asRoles(['migrate', 'api', 'worker'], () =>
    startTestPlatform(
      { ...s3Environment(s3), ...CHUNKING, CDN_KEY_VALUE_STORE_ARN: STORE_ARN },
      { cdnKeyValueStoreClient: keyValueStore },
    ),
  );
  const storage = s3StorageOf(test.platform);
  signBucketPathsWithoutSlash(storage.client);
  answerMultipartCommandsTheServerLacks(storage.client);
  recorder.recordS3(storage.client, { [s3.buckets.raw]: 'raw', [s3.buckets.processed]: 'processed' });
  // The test looks at storage through a client of its own, which records nothing.
  observer = new S3Storage(readS3Config(test));
  await asRoles(['worker'], () => startTestWorker(test.platform, 2));
  api = actAs(await buildPlatformApp(test.platform), 'api');
  worker = actAs(await buildOpsApp(test.platform), 'worker');
  await Promise.all([api.ready(), worker.ready()]);
}, 60_000);
afterAll(async () => {
  await api.close();
  await worker.close();
  await test.close();
  await standIn.close();
  await s3.close();
  await rm(dir, { recursive: true, force: true });
});

function readS3Config(platform: TestPlatform) {
  const config = platform.platform.config.storage;
  if (config.kind !== 's3') throw new Error('the platform runs on S3 storage');
  return config;
}

/** The jobs that are due or running: the flows are over when none is left. */
async function jobsInFlight(): Promise<number> {
  const { rows } = await sql<{ count: number }>`
    SELECT count(*)::int AS count FROM pgboss.job
    WHERE state IN ('created', 'retry', 'active') AND start_after <= now()
      AND name IN ('transcode-video', 'delete-video-files', 'expire-uploads', 'revoke-cdn-playback',
                   'forget-cdn-revocation')`.execute(test.platform.database.db);
  return rows[0]?.count ?? 0;
}

let owner: Awaited<ReturnType<typeof register>>;
let headers: Record<string, string>;
/** The long upload, once it is ready. */
let long: VideoJson;

describe('the platform on AWS storage', () => {
  it('answers readiness as the API and as a worker', async () => {
    owner = await register(api);
    headers = bearer(owner.token);
    expect((await api.inject({ url: '/readyz' })).statusCode).toBe(200);
    expect((await worker.inject({ url: '/readyz' })).statusCode).toBe(200);
  });

  it('takes a long upload, resumed once, through chunks to a ready video, and serves it', async () => {
    const clip = await readFile(await makeClip(dir, 'long.mp4', { width: 320, height: 180, seconds: 20 }));
    const plan = await startUpload(api, owner.token, clip.length);
    const resumed = await api.inject({ url: `/api/v1/uploads/${plan.uploadId}`, headers });
    expect(resumed.statusCode, resumed.body).toBe(200);
    const part = await putPart(api, resumed.json().parts[0].url, clip);
    const completed = await api.inject({
      method: 'POST',
      url: `/api/v1/uploads/${plan.uploadId}/complete`,
      headers,
      payload: {
        title: 'Long',
        description: '',
        visibility: 'public',
        parts: [{ partNumber: 1, etag: part.etag }],
      },
    });
    expect(completed.statusCode, completed.body).toBe(200);
    // As long as the other chunked tests allow: the whole suite shares two cores.
    long = await waitUntilSettled(api, owner.token, plan.videoId, 240);
    expect(long).toMatchObject({ state: 'ready', error: null });
    const chunks = await sql<{ count: number }>`
      SELECT count(*)::int AS count FROM pgboss.job
      WHERE name = 'transcode-video' AND data->>'videoId' = ${plan.videoId} AND data->'part'->>'kind' = 'chunk'`.execute(
      test.platform.database.db,
    );
    expect(chunks.rows[0]?.count, 'chunk jobs of the long upload').toBeGreaterThan(0);
    await eventually(
      async () =>
        (await observer.headObject('raw', `${piecesPrefix(plan.videoId)}chunk-1.mkv`)) === undefined,
      60,
      'the pieces deleted once the video is ready',
    );

    // Its master playlist, as a player fetches it from the API's /media route.
    const master = await api.inject({ url: new URL(long.hlsUrl ?? '').pathname });
    expect(master.statusCode).toBe(200);
  }, 300_000);

  it('fails an upload that is no video', async () => {
    const { video: broken } = await uploadFile(api, owner.token, randomBytes(4096));
    expect(await waitUntilSettled(api, owner.token, broken.id)).toMatchObject({ state: 'failed' });
  }, 90_000);

  it('sets, replaces (deleting the old one) and serves an avatar', async () => {
    for (const size of [300, 400]) {
      const image = await sharp({ create: { width: size, height: size, channels: 3, background: '#c81e5a' } })
        .png()
        .toBuffer();
      const avatar = await api.inject({
        method: 'PUT',
        url: '/api/v1/me/channel/avatar',
        headers: { ...headers, 'content-type': 'image/png' },
        payload: image,
      });
      expect(avatar.statusCode, avatar.body).toBe(200);
      expect((await api.inject({ url: new URL(avatar.json().avatarUrl).pathname })).statusCode).toBe(200);
    }
  });

  it('tells the edge when a video turns private and when it is deleted, and forgets it later', async () => {
    const edit = await api.inject({
      method: 'PATCH',
      url: `/api/v1/videos/${long.id}`,
      headers,
      payload: { visibility: 'private' },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const stored = () => standIn.entries.get(`min-version-${long.id}`);
    await eventually(async () => stored() === '1', 60, 'the minimum version at the edge');
    await test.platform.queue.send('forget-cdn-revocation', { videoId: long.id, minVersion: 1 });
    await eventually(async () => stored() === undefined, 60, 'the minimum version forgotten');
    expect(
      (await api.inject({ method: 'DELETE', url: `/api/v1/videos/${long.id}`, headers })).statusCode,
    ).toBe(204);
    await eventually(async () => stored() === '2', 60, 'the deletion at the edge');
  }, 200_000);

  it('drops an upload its client gives up and one left to expire', async () => {
    const abandoned = await startUpload(api, owner.token, 1000);
    expect(
      (await api.inject({ method: 'DELETE', url: `/api/v1/uploads/${abandoned.uploadId}`, headers }))
        .statusCode,
    ).toBe(204);
    const stale = await startUpload(api, owner.token, 1000);
    await passUploadDeadline(test.platform, stale.videoId);
    await test.platform.queue.send('expire-uploads', {});
    const status = async () =>
      (await api.inject({ url: `/api/v1/uploads/${stale.uploadId}`, headers })).statusCode;
    await eventually(async () => (await status()) === 404, 60, 'the stale upload expired');
  }, 90_000);

  it('makes exactly the calls deploy/aws/test/recorded-calls.json lists, which the deploy suite checks against the stack', async () => {
    await eventually(async () => (await jobsInFlight()) === 0, 120, 'every job done');
    await eventually(
      async () => (await observer.headObject('processed', `videos/${long.id}/master.m3u8`)) === undefined,
      60,
      "the deleted video's files removed",
    );
    expect(recorder.unattributed, 'calls made outside any role').toEqual([]);
    const calls = recorder.calls();
    // The chunked path's own calls, which the worker's grants once lacked.
    expect(calls.worker).toContainEqual({
      service: 's3',
      operation: 'PutObject',
      resource: 'raw',
      key: 'videos/{id}/pieces/chunk-{n}.mkv',
    });
    if (process.env.UPDATE_RECORDED_CALLS) {
      await writeFile(MANIFEST, `${JSON.stringify(calls, null, 2)}\n`);
      return;
    }
    const committed = JSON.parse(await readFile(MANIFEST, 'utf8')) as RecordedCalls;
    expect(
      calls,
      `The calls the code makes differ from ${path.relative(process.cwd(), MANIFEST)}. If the change is meant, run ${REGENERATE}, then the deploy suite (npx vitest run aws in deploy/), which says which grant must follow, and commit both.`,
    ).toEqual(committed);
  }, 300_000);
});
