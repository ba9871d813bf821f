import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processedPrefix, rawKey } from '../../src/domain/video-files.js';
import { bearer, register } from '../support/accounts.js';
import { eventually } from '../support/eventually.js';
import { makeClip } from '../support/media-clips.js';
import { publishStandInVideo } from '../support/published-videos.js';
import { startTestPlatform, startTestWorker, type TestPlatform } from '../support/test-platform.js';
import { uploadFile, waitUntilSettled } from '../support/uploads.js';

let test: TestPlatform;
let owner: Awaited<ReturnType<typeof register>>;
let stranger: Awaited<ReturnType<typeof register>>;

beforeAll(async () => {
  test = await startTestPlatform();
  owner = await register(test.app);
  stranger = await register(test.app);
  await startTestWorker(test.platform);
});
afterAll(() => test.close());

const getVideo = (id: string, token?: string) =>
  test.app.inject({ url: `/api/v1/videos/${id}`, headers: token ? bearer(token) : {} });
const deleteVideo = (id: string, token: string) =>
  test.app.inject({ method: 'DELETE', url: `/api/v1/videos/${id}`, headers: bearer(token) });

async function readyVideo(): Promise<string> {
  const clip = await makeClip(os.tmpdir(), `del-${randomBytes(4).toString('hex')}.mp4`, { seconds: 3 });
  const { video } = await uploadFile(test.app, owner.token, await readFile(clip));
  expect((await waitUntilSettled(test.app, owner.token, video.id)).state).toBe('ready');
  return video.id;
}

describe('DELETE /api/v1/videos/{id}', () => {
  it('removes the video and every file of it', async () => {
    const id = await readyVideo();
    expect((await getVideo(id)).statusCode).toBe(200);
    const prefix = processedPrefix(id);
    expect(await test.platform.storage.headObject('processed', `${prefix}master.m3u8`)).toBeDefined();

    expect((await deleteVideo(id, owner.token)).statusCode).toBe(204);
    expect((await getVideo(id)).statusCode).toBe(404);
    expect((await getVideo(id, owner.token)).statusCode).toBe(404);
    // The files go in a job the worker runs right after (retried while storage is away).
    const keys = ['master.m3u8', '240p/playlist.m3u8', '240p/segment-00000.m4s', 'poster.jpg'];
    const stored = async () => [
      await test.platform.storage.headObject('raw', rawKey(id)),
      ...(await Promise.all(
        keys.map((key) => test.platform.storage.headObject('processed', `${prefix}${key}`)),
      )),
    ];
    await eventually(
      async () => (await stored()).every((file) => file === undefined),
      30,
      'every file removed',
    );
    expect((await deleteVideo(id, owner.token)).statusCode).toBe(404);
  }, 90_000);

  it("cannot delete someone else's video, nor learn that an unfinished one exists", async () => {
    const published = await publishStandInVideo(test.platform, owner, 'public');
    expect((await deleteVideo(published, stranger.token)).statusCode).toBe(403);
    const { video } = await uploadFile(test.app, owner.token, randomBytes(1000));
    expect((await deleteVideo(video.id, stranger.token)).statusCode).toBe(404);
    for (const id of [published, video.id]) expect((await getVideo(id, owner.token)).statusCode).toBe(200);
  });

  it('answers a private video only to its owner', async () => {
    const { video } = await uploadFile(test.app, owner.token, randomBytes(1000));
    await test.platform.database.db
      .updateTable('videos')
      .set({ state: 'ready', visibility: 'private' })
      .where('id', '=', video.id)
      .execute();
    expect((await getVideo(video.id, owner.token)).statusCode).toBe(200);
    expect((await getVideo(video.id, stranger.token)).statusCode).toBe(404);
    expect((await getVideo(video.id)).statusCode).toBe(404);
  });
});

describe('GET /api/v1/videos/{id}', () => {
  it('lists the chapters its description declares, and none once the description no longer does', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public');
    await test.platform.database.db
      .updateTable('videos')
      .set({ duration_seconds: 600 })
      .where('id', '=', id)
      .execute();
    const setDescription = (description: string) =>
      test.app.inject({
        method: 'PATCH',
        url: `/api/v1/videos/${id}`,
        headers: bearer(owner.token),
        payload: { description },
      });
    expect((await setDescription('Steps:\n0:00 Setup\n2:30 - Build\n7:05 Test')).statusCode).toBe(200);
    expect((await getVideo(id)).json().chapters).toEqual([
      { startSeconds: 0, title: 'Setup' },
      { startSeconds: 150, title: 'Build' },
      { startSeconds: 425, title: 'Test' },
    ]);
    expect((await setDescription('Steps:\n0:00 Setup\n2:30 - Build')).statusCode).toBe(200);
    expect((await getVideo(id)).json().chapters).toEqual([]);
  });
});
