// Watch history: the player's position is remembered, a video resumes there, and history lists, clears
// and pauses as its owner says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, register } from '../support/accounts.js';
import { publishStandInVideo } from '../support/published-videos.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let test: TestPlatform;
let owner: Awaited<ReturnType<typeof register>>;
beforeAll(async () => {
  test = await startTestPlatform();
  owner = await register(test.app);
});
afterAll(() => test.close());

async function longVideo(visibility: 'public' | 'private' = 'public') {
  const id = await publishStandInVideo(test.platform, owner, visibility);
  await test.platform.database.db
    .updateTable('videos')
    .set({ duration_seconds: 300 })
    .where('id', '=', id)
    .execute();
  return id;
}

const progress = (videoId: string, token: string, positionSeconds: number) =>
  test.app.inject({
    method: 'PUT',
    url: `/api/v1/videos/${videoId}/progress`,
    headers: bearer(token),
    payload: { positionSeconds },
  });
const resumeAt = async (videoId: string, token: string) =>
  (await test.app.inject({ url: `/api/v1/videos/${videoId}`, headers: bearer(token) })).json()
    .resumeAtSeconds;
const history = async (token: string, query = '') =>
  (await test.app.inject({ url: `/api/v1/me/history${query}`, headers: bearer(token) })).json() as {
    items: { video: { id: string }; positionSeconds: number }[];
    nextCursor: string | null;
    paused: boolean;
  };

describe('watch history', () => {
  it('resumes a video where I stopped, and from the start once I finished it', async () => {
    const id = await longVideo();
    const viewer = await register(test.app);
    expect(await resumeAt(id, viewer.token)).toBeNull();
    expect((await progress(id, viewer.token, 42.5)).statusCode).toBe(204);
    expect(await resumeAt(id, viewer.token)).toBe(42.5);
    expect(await resumeAt(id, owner.token)).toBeNull(); // mine only
    const anonymous = (await test.app.inject({ url: `/api/v1/videos/${id}` })).json();
    expect(anonymous).not.toHaveProperty('resumeAtSeconds');
    expect((await progress(id, viewer.token, 295)).statusCode).toBe(204);
    expect(await resumeAt(id, viewer.token)).toBeNull();
  });

  it('lists what I watched, most recent first, page by page, and clears it', async () => {
    const viewer = await register(test.app);
    const ids = [await longVideo(), await longVideo(), await longVideo()];
    for (const [index, id] of ids.entries())
      expect((await progress(id, viewer.token, index * 10 + 1)).statusCode).toBe(204);
    // Watching the first again moves it to the top.
    await progress(ids[0] ?? '', viewer.token, 5);
    const first = await history(viewer.token, '?limit=2');
    const second = await history(viewer.token, `?limit=2&cursor=${first.nextCursor}`);
    expect([...first.items, ...second.items].map((item) => [item.video.id, item.positionSeconds])).toEqual([
      [ids[0], 5],
      [ids[2], 21],
      [ids[1], 11],
    ]);
    expect(second.nextCursor).toBeNull();
    const cleared = await test.app.inject({
      method: 'DELETE',
      url: '/api/v1/me/history',
      headers: bearer(viewer.token),
    });
    expect(cleared.statusCode).toBe(204);
    expect((await history(viewer.token)).items).toEqual([]);
    expect(await resumeAt(ids[1] ?? '', viewer.token)).toBeNull();
  });

  it('records nothing while paused, and again once resumed', async () => {
    const viewer = await register(test.app);
    const id = await longVideo();
    const pause = (method: 'PUT' | 'DELETE') =>
      test.app.inject({ method, url: '/api/v1/me/history/pause', headers: bearer(viewer.token) });
    expect((await pause('PUT')).json()).toEqual({ paused: true });
    expect((await progress(id, viewer.token, 30)).statusCode).toBe(204);
    expect(await history(viewer.token)).toMatchObject({ items: [], paused: true });
    expect((await pause('DELETE')).json()).toEqual({ paused: false });
    await progress(id, viewer.token, 31);
    expect(await history(viewer.token)).toMatchObject({ items: [{ positionSeconds: 31 }], paused: false });
  });

  it('keeps no position for a video I cannot see, and drops one made private from my list', async () => {
    const viewer = await register(test.app);
    const hidden = await longVideo('private');
    expect((await progress(hidden, viewer.token, 10)).statusCode).toBe(404);
    const later = await longVideo();
    await progress(later, viewer.token, 10);
    const edit = await test.app.inject({
      method: 'PATCH',
      url: `/api/v1/videos/${later}`,
      headers: bearer(owner.token),
      payload: { visibility: 'private' },
    });
    expect(edit.statusCode).toBe(200);
    expect((await history(viewer.token)).items).toEqual([]);
    expect((await test.app.inject({ url: '/api/v1/me/history' })).statusCode).toBe(401);
  });
});
