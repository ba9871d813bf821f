// Likes and dislikes: one per person per video, counts always equal to the stored reactions, even when
// clicks race each other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, register } from '../support/accounts.js';
import { publishStandInVideo } from '../support/published-videos.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let test: TestPlatform;
let owner: Awaited<ReturnType<typeof register>>;
beforeAll(async () => {
  // Many writes from one address here; the limit itself is request-limits.test.ts's subject.
  test = await startTestPlatform({ REACTION_RATE_LIMIT_PER_MINUTE: '100000' });
  owner = await register(test.app);
});
afterAll(() => test.close());

const react = (videoId: string, token: string, value?: 'like' | 'dislike') =>
  test.app.inject({
    method: value ? 'PUT' : 'DELETE',
    url: `/api/v1/videos/${videoId}/reaction`,
    headers: bearer(token),
    ...(value ? { payload: { value } } : {}),
  });
const read = (videoId: string, token?: string) =>
  test.app.inject({ url: `/api/v1/videos/${videoId}`, headers: token ? bearer(token) : {} });

/** What the table holds, counted the slow way. */
async function stored(videoId: string) {
  const rows = await test.platform.database.db
    .selectFrom('video_reactions')
    .select('value')
    .where('video_id', '=', videoId)
    .execute();
  return {
    likes: rows.filter((row) => row.value === 'like').length,
    dislikes: rows.filter((row) => row.value === 'dislike').length,
  };
}

describe('reactions', () => {
  it('likes, switches to a dislike, and clears, with the counts and my reaction following', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public');
    const viewer = await register(test.app);
    expect((await read(id, viewer.token)).json()).toMatchObject({ likeCount: 0, myReaction: null }); // now cached
    const liked = await react(id, viewer.token, 'like');
    expect(liked.statusCode, liked.body).toBe(200);
    expect(liked.json()).toEqual({ likeCount: 1, dislikeCount: 0, myReaction: 'like' });
    expect((await react(id, viewer.token, 'like')).json()).toEqual({
      likeCount: 1,
      dislikeCount: 0,
      myReaction: 'like',
    });
    expect((await read(id, viewer.token)).json()).toMatchObject({
      likeCount: 1,
      dislikeCount: 0,
      myReaction: 'like',
    });
    expect((await react(id, viewer.token, 'dislike')).json()).toEqual({
      likeCount: 0,
      dislikeCount: 1,
      myReaction: 'dislike',
    });
    expect((await react(id, viewer.token)).json()).toEqual({
      likeCount: 0,
      dislikeCount: 0,
      myReaction: null,
    });
    expect((await react(id, viewer.token)).json()).toEqual({
      likeCount: 0,
      dislikeCount: 0,
      myReaction: null,
    });
    const anonymous = (await read(id)).json();
    expect(anonymous).toMatchObject({ likeCount: 0, dislikeCount: 0 });
    expect(anonymous).not.toHaveProperty('myReaction');
    expect((await read(id, owner.token)).json().myReaction).toBeNull();
  });

  it('keeps the counts equal to the stored reactions under racing clicks', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public');
    const viewers = await Promise.all(Array.from({ length: 8 }, () => register(test.app)));
    const choices = ['like', 'dislike', undefined] as const;
    await Promise.all(
      viewers.flatMap((viewer, v) =>
        Array.from({ length: 6 }, (_, click) => react(id, viewer.token, choices[(v + click) % 3])),
      ),
    );
    const { likeCount, dislikeCount } = (await read(id)).json();
    expect({ likes: likeCount, dislikes: dislikeCount }).toEqual(await stored(id));
    const row = await test.platform.database.db
      .selectFrom('videos')
      .select(['like_count', 'dislike_count'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect({ likes: Number(row.like_count), dislikes: Number(row.dislike_count) }).toEqual(await stored(id));
  });

  it('needs a signed-in viewer who can see a ready video', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'private');
    const stranger = await register(test.app);
    expect(
      (
        await test.app.inject({
          method: 'PUT',
          url: `/api/v1/videos/${id}/reaction`,
          payload: { value: 'like' },
        })
      ).statusCode,
    ).toBe(401);
    expect((await react(id, stranger.token, 'like')).statusCode).toBe(404);
    expect((await react(id, owner.token, 'like')).statusCode).toBe(200);
    const bad = await test.app.inject({
      method: 'PUT',
      url: `/api/v1/videos/${id}/reaction`,
      headers: bearer(owner.token),
      payload: { value: 'love' },
    });
    expect(bad.statusCode).toBe(400);
  });
});
