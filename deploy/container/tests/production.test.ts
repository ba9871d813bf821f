// The image in its production roles on this machine's PostgreSQL and Redis: `migrate` once, then an `api`
// and a `worker` container (sharing a volume for storage, as they would share a bucket), and an upload
// that the worker container transcodes and the API container serves. A worker container stopped mid-transcode
// hands its job back, and the next worker finishes the video.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeClip } from '../../../e2e/support/clips.js';
import { newAccount } from '../../../e2e/support/people.js';
import { publishClip, register, uploadClip, waitFor } from '../../../e2e/support/through-the-api.js';
import { freePort } from '../../../server/test/support/free-port.js';
import { administer } from '../../../server/test/support/global-setup.js';
import { databaseUrl, testRedisUrl } from '../../../server/test/support/test-adapters.js';
import { podman } from '../support/podman.js';
import {
  expectLadderReadable,
  ownVideo,
  removeContainers,
  startContainer,
  waitUntilReady,
} from '../support/running.js';

const image = inject('image');
const suffix = randomBytes(4).toString('hex');
const database = `vidstream_container_${suffix}`;
const migrate = `vidstream-migrate-${suffix}`;
const api = `vidstream-api-${suffix}`;
const worker = `vidstream-worker-${suffix}`;
const nextWorker = `vidstream-next-worker-${suffix}`;
const volume = `vidstream-storage-${suffix}`;
let baseUrl: string;
let env: Record<string, string>;
let token: string;

beforeAll(async () => {
  await administer(`CREATE DATABASE ${database}`);
  env = {
    DATABASE_URL: databaseUrl(database),
    REDIS_URL: testRedisUrl,
    SESSION_SECRET: randomBytes(32).toString('hex'),
  };
});

afterAll(async () => {
  await removeContainers(migrate, api, worker, nextWorker);
  await podman(['volume', 'rm', '--force', volume]);
  await administer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
});

describe('the image as migrate, api and worker', () => {
  it('migrates, then transcodes in the worker an upload the API took', async () => {
    await startContainer(migrate, image, { env, role: 'migrate' });
    const migrated = await podman(['wait', migrate]);
    expect(migrated.stdout.trim(), (await podman(['logs', migrate])).stderr).toBe('0');

    const [apiPort, workerPort] = [await freePort(), await freePort()];
    baseUrl = `http://localhost:${apiPort}`;
    await startContainer(api, image, { env: { ...env, PORT: String(apiPort) }, volume, role: 'api' });
    // No grace period: stopped, this worker hands its job back at once (the next test stops it mid-job).
    const workerEnv = { ...env, PORT: String(workerPort), WORKER_SHUTDOWN_GRACE_SECONDS: '0' };
    await startContainer(worker, image, { env: workerEnv, volume, role: 'worker' });
    await waitUntilReady(baseUrl, api);
    await waitUntilReady(`http://localhost:${workerPort}`, worker);

    token = await register(baseUrl, newAccount('Operator'));
    const clip = await makeClip('production-container.mp4', { seconds: 4 });
    const videoId = await publishClip(baseUrl, token, clip, { title: 'Split roles', visibility: 'public' });
    const video = await ownVideo(baseUrl, videoId, token);
    expect(video.state).toBe('ready');
    await expectLadderReadable(video.hlsUrl);
    // The API container runs no jobs: the worker container did the transcode.
    expect((await podman(['logs', worker])).stdout).toMatch(/"job":"transcode-video".*"msg":"job done"/);
    expect((await podman(['logs', api])).stdout).not.toMatch(/"job":"transcode-video"/);
  });

  it('stopped mid-transcode, a worker container hands its job to the next one', async () => {
    const clip = await makeClip('stopped-container.mp4', { width: 1280, height: 720, seconds: 12 });
    const videoId = await uploadClip(baseUrl, token, clip, { title: 'Interrupted', visibility: 'public' });
    await waitFor(baseUrl, token, videoId, (video) => video.state === 'processing', 'processing');
    // `podman stop` sends SIGTERM, as Docker and ECS do, and waits for the container to exit.
    await podman(['stop', '--time', '60', worker]);
    const exit = await podman(['inspect', worker, '--format', '{{.State.ExitCode}}']);
    expect(exit.stdout.trim()).toBe('0');
    expect((await podman(['logs', worker])).stdout).toMatch(/"job":"transcode-video".*handed back/);

    await startContainer(nextWorker, image, {
      env: { ...env, PORT: String(await freePort()) },
      volume,
      role: 'worker',
    });
    const video = await waitFor(baseUrl, token, videoId, (found) => found.state === 'ready', 'ready');
    expect(video.state).toBe('ready');
    expect((await podman(['logs', nextWorker])).stdout).toMatch(/"job":"transcode-video".*"msg":"job done"/);
  });
});
