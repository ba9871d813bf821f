// Media URLs already handed out stop working when their video is made private or deleted: the attack is a
// viewer who kept a public video's playlist and segment URLs and goes on fetching them. Also the race where
// a read that loaded the video before the change would put the old playback version back in the cache.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { VideoRepository } from '../../src/adapters/db/video.repository.js';
import { bearer, register } from '../support/accounts.js';
import { publishStandInVideo, standInFiles } from '../support/published-videos.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let test: TestPlatform;
let owner: Awaited<ReturnType<typeof register>>;
let viewer: Awaited<ReturnType<typeof register>>;
const files = standInFiles();
const FILES = ['master.m3u8', '360p/playlist.m3u8', '360p/segment-00000.m4s', 'poster.jpg'];

beforeAll(async () => {
  test = await startTestPlatform();
  owner = await register(test.app);
  viewer = await register(test.app);
});
afterAll(() => test.close());
afterEach(() => vi.restoreAllMocks());

const get = (url: string) => test.app.inject({ url });

/** The media paths of the video's files, as the hlsUrl handed to `token`'s holder leads to them. */
async function mediaPathsFor(videoId: string, token: string): Promise<string[]> {
  const response = await test.app.inject({ url: `/api/v1/videos/${videoId}`, headers: bearer(token) });
  expect(response.statusCode, response.body).toBe(200);
  const { hlsUrl } = response.json();
  return FILES.map((file) => new URL(file, hlsUrl).pathname);
}

async function expectServed(paths: string[]) {
  for (const path of paths) {
    const response = await get(path);
    expect(response.statusCode, path).toBe(200);
    expect(response.rawPayload.equals(files[path.split(/\/videos\/[^/]+\//)[1] as string] as Buffer)).toBe(
      true,
    );
  }
}

async function expectRevoked(paths: string[]) {
  for (const path of paths) {
    const response = await get(path);
    expect(response.statusCode, path).toBe(403);
    expect(response.json().error).toMatchObject({
      code: 'playback_token_revoked',
      message: expect.stringMatching(/made private, hidden or deleted/),
    });
  }
}

function editAsOwner(videoId: string, payload: object) {
  return test.app.inject({
    method: 'PATCH',
    url: `/api/v1/videos/${videoId}`,
    headers: bearer(owner.token),
    payload,
  });
}

describe('URLs handed out before a change', () => {
  it("stop working at the next request once the owner makes the video private; the owner's new ones work", async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public', files);
    const kept = await mediaPathsFor(id, viewer.token);
    await expectServed(kept);
    expect((await editAsOwner(id, { visibility: 'private' })).statusCode).toBe(200);
    await expectRevoked(kept);
    const ownersNew = await mediaPathsFor(id, owner.token);
    expect(ownersNew).not.toEqual(kept);
    await expectServed(ownersNew);
  });

  it('keep working when a public video becomes unlisted, and back', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public', files);
    const kept = await mediaPathsFor(id, viewer.token);
    expect((await editAsOwner(id, { visibility: 'unlisted' })).statusCode).toBe(200);
    await expectServed(kept);
    expect((await editAsOwner(id, { visibility: 'public' })).statusCode).toBe(200);
    await expectServed(kept);
    expect(await mediaPathsFor(id, viewer.token)).toEqual(kept);
  });

  it('of a private video keep working for its owner through edits that keep it private', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'private', files);
    const kept = await mediaPathsFor(id, owner.token);
    expect((await editAsOwner(id, { visibility: 'private', title: 'Still mine' })).statusCode).toBe(200);
    await expectServed(kept);
  });

  it('stop working when the video goes public and then private again', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'private', files);
    expect((await editAsOwner(id, { visibility: 'public' })).statusCode).toBe(200);
    const kept = await mediaPathsFor(id, viewer.token);
    await expectServed(kept);
    expect((await editAsOwner(id, { visibility: 'private' })).statusCode).toBe(200);
    await expectRevoked(kept);
  });

  it('stop working, the owner’s too, once the video is deleted', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public', files);
    const viewers = await mediaPathsFor(id, viewer.token);
    const owners = await mediaPathsFor(id, owner.token);
    await expectServed(viewers);
    const deleted = await test.app.inject({
      method: 'DELETE',
      url: `/api/v1/videos/${id}`,
      headers: bearer(owner.token),
    });
    expect(deleted.statusCode).toBe(204);
    await expectRevoked([...viewers, ...owners]);
  });
});

describe('a read racing the change', () => {
  it('cannot put the old playback version back in the cache', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public', files);
    const [master, , segment] = await mediaPathsFor(id, viewer.token);
    await test.platform.repositories.videos.edit(id, { title: 'Renamed' }); // the cache entry goes
    // The next load of the video reads its row, then waits until the change below has committed.
    let loaded!: () => void;
    let release!: () => void;
    const loading = new Promise<void>((resolve) => {
      loaded = resolve;
    });
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const load = VideoRepository.prototype.findWithChannel;
    vi.spyOn(VideoRepository.prototype, 'findWithChannel').mockImplementationOnce(async function (
      this: VideoRepository,
      videoId: string,
    ) {
      const row = await load.call(this, videoId);
      loaded();
      await released;
      return row;
    });
    const racing = get(segment as string);
    await loading;
    await test.platform.repositories.videos.edit(id, { visibility: 'private' });
    release();
    expect((await racing).statusCode).toBe(200); // it began before the change: either answer is fair
    await expectRevoked([master as string, segment as string]);
  });
});
