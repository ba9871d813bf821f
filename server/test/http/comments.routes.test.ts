// Comments: threads one level deep, replies, edits, deletes that keep threads whole, pages that walk
// every comment exactly once, counts that follow, and visibility that follows the video's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, register } from '../support/accounts.js';
import { publishStandInVideo } from '../support/published-videos.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let test: TestPlatform;
let owner: Awaited<ReturnType<typeof register>>;
let viewer: Awaited<ReturnType<typeof register>>;
beforeAll(async () => {
  // Many writes from one address here; the limit itself is request-limits.test.ts's subject.
  test = await startTestPlatform({ COMMENT_RATE_LIMIT_PER_MINUTE: '100000' });
  [owner, viewer] = await Promise.all([register(test.app), register(test.app)]);
});
afterAll(() => test.close());

interface CommentJson {
  id: string;
  parentId: string | null;
  body: string;
  author: { handle: string } | null;
  replyCount: number;
  edited: boolean;
  deleted: boolean;
}
interface PageJson {
  items: CommentJson[];
  nextCursor: string | null;
}

const post = (videoId: string, token: string, body: string, parentId?: string) =>
  test.app.inject({
    method: 'POST',
    url: `/api/v1/videos/${videoId}/comments`,
    headers: bearer(token),
    payload: parentId ? { body, parentId } : { body },
  });

async function comment(
  videoId: string,
  token: string,
  body: string,
  parentId?: string,
): Promise<CommentJson> {
  const response = await post(videoId, token, body, parentId);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const get = (url: string, token?: string) => test.app.inject({ url, headers: token ? bearer(token) : {} });
const threads = async (videoId: string, query = '', token?: string): Promise<PageJson> =>
  (await get(`/api/v1/videos/${videoId}/comments${query}`, token)).json();
const replies = async (commentId: string, query = ''): Promise<PageJson> =>
  (await get(`/api/v1/comments/${commentId}/replies${query}`)).json();
const commentCount = async (videoId: string): Promise<number> =>
  (await get(`/api/v1/videos/${videoId}`)).json().commentCount;
const remove = (commentId: string, token: string) =>
  test.app.inject({ method: 'DELETE', url: `/api/v1/comments/${commentId}`, headers: bearer(token) });

/** Every item of a list, following nextCursor to the end. */
async function walk(firstPage: (cursor?: string) => Promise<PageJson>): Promise<CommentJson[]> {
  const items: CommentJson[] = [];
  let cursor: string | undefined;
  do {
    const page = await firstPage(cursor);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

describe('comments', () => {
  it('stores the text exactly as written and answers it as JSON data, never markup', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public');
    const text = '<script>alert("hi")</script> &amp; <img src=x onerror=alert(1)>\n  second line  ';
    const created = await comment(id, viewer.token, text);
    expect(created).toMatchObject({ body: text, parentId: null, edited: false, deleted: false });
    expect(created.author?.handle).toBe(viewer.handle);
    const listed = await get(`/api/v1/videos/${id}/comments`);
    expect(listed.headers['content-type']).toMatch(/^application\/json/);
    expect(listed.headers['x-content-type-options']).toBe('nosniff');
    expect(listed.json().items[0].body).toBe(text);
    expect(await commentCount(id)).toBe(1);
  });

  it('refuses empty, blank and over-long bodies, and comments by nobody', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public');
    for (const body of ['', '   \n ', 'x'.repeat(10_001)]) {
      const response = await post(id, viewer.token, body);
      expect(response.statusCode, JSON.stringify(body).slice(0, 20)).toBe(400);
      expect(response.json().error.code).toBe('invalid_input');
    }
    expect((await post(id, viewer.token, 'x'.repeat(10_000))).statusCode).toBe(201);
    const anonymous = await test.app.inject({
      method: 'POST',
      url: `/api/v1/videos/${id}/comments`,
      payload: { body: 'hello' },
    });
    expect(anonymous.statusCode).toBe(401);
    expect(await commentCount(id)).toBe(1);
  });

  it('attaches a reply to a reply to the same thread and counts replies', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public');
    const thread = await comment(id, owner.token, 'first!');
    const reply = await comment(id, viewer.token, 'a reply', thread.id);
    const replyToReply = await comment(id, owner.token, 'a reply to the reply', reply.id);
    expect(reply.parentId).toBe(thread.id);
    expect(replyToReply.parentId).toBe(thread.id);
    const page = await threads(id);
    expect(page.items.map((item) => [item.id, item.replyCount])).toEqual([[thread.id, 2]]);
    expect((await replies(thread.id)).items.map((item) => item.body)).toEqual([
      'a reply',
      'a reply to the reply',
    ]);
    expect(await commentCount(id)).toBe(3);
  });

  it('refuses a reply to a comment of another video', async () => {
    const [one, other] = await Promise.all([
      publishStandInVideo(test.platform, owner, 'public'),
      publishStandInVideo(test.platform, owner, 'public'),
    ]);
    const elsewhere = await comment(other, owner.token, 'elsewhere');
    expect((await post(one, viewer.token, 'stray', elsewhere.id)).statusCode).toBe(404);
    expect(await commentCount(one)).toBe(0);
  });

  it('lets the author edit, marked edited, and nobody else', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public');
    const created = await comment(id, viewer.token, 'typo');
    const edit = (token: string) =>
      test.app.inject({
        method: 'PATCH',
        url: `/api/v1/comments/${created.id}`,
        headers: bearer(token),
        payload: { body: 'fixed' },
      });
    expect((await edit(owner.token)).statusCode).toBe(403);
    const edited = await edit(viewer.token);
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ body: 'fixed', edited: true });
    expect((await threads(id)).items[0]).toMatchObject({ body: 'fixed', edited: true });
  });

  it("keeps a deleted thread with replies as deleted; its replies stay; the last reply's deletion removes it", async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public');
    const thread = await comment(id, viewer.token, 'my opinion');
    const reply = await comment(id, owner.token, 'disagree', thread.id);
    const lonely = await comment(id, viewer.token, 'no replies here');
    expect(await commentCount(id)).toBe(3);

    expect((await remove(thread.id, viewer.token)).statusCode).toBe(204);
    expect((await remove(lonely.id, viewer.token)).statusCode).toBe(204);
    const page = await threads(id);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      id: thread.id,
      deleted: true,
      body: '',
      author: null,
      replyCount: 1,
    });
    expect((await replies(thread.id)).items.map((item) => item.id)).toEqual([reply.id]);
    expect(await commentCount(id)).toBe(1);
    // Nobody replies to, edits or deletes again what is deleted.
    expect((await post(id, owner.token, 'late', thread.id)).statusCode).toBe(409);
    expect((await remove(thread.id, viewer.token)).statusCode).toBe(404);

    expect((await remove(reply.id, owner.token)).statusCode).toBe(204);
    expect((await threads(id)).items).toEqual([]);
    expect(await commentCount(id)).toBe(0);
  });

  it("lets the video's owner delete anyone's comment, and nobody else delete another's", async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public');
    const stranger = await register(test.app);
    const created = await comment(id, viewer.token, 'spam');
    expect((await remove(created.id, stranger.token)).statusCode).toBe(403);
    expect((await remove(created.id, owner.token)).statusCode).toBe(204);
    expect((await threads(id)).items).toEqual([]);
  });

  it('pages newest and top first through every thread exactly once', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public');
    const created: CommentJson[] = [];
    for (let index = 0; index < 7; index++) created.push(await comment(id, viewer.token, `comment ${index}`));
    // Replies make threads 2 and 5 "top": 5 has three, 2 has one.
    const [busiest, quieter] = [created[5]?.id ?? '', created[2]?.id ?? ''];
    for (const [thread, count] of [
      [busiest, 3],
      [quieter, 1],
    ] as const) {
      for (let index = 0; index < count; index++) await comment(id, owner.token, `reply ${index}`, thread);
    }
    const newest = await walk((cursor) => threads(id, `?limit=3${cursor ? `&cursor=${cursor}` : ''}`));
    expect(newest.map((item) => item.body)).toEqual(created.map((item) => item.body).reverse());
    const top = await walk((cursor) => threads(id, `?sort=top&limit=2${cursor ? `&cursor=${cursor}` : ''}`));
    expect(top.map((item) => item.body)).toEqual([
      'comment 5',
      'comment 2',
      ...['comment 6', 'comment 4', 'comment 3', 'comment 1', 'comment 0'],
    ]);
    const allReplies = await walk((cursor) =>
      replies(busiest, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`),
    );
    expect(allReplies.map((item) => item.body)).toEqual(['reply 0', 'reply 1', 'reply 2']);
    expect((await get(`/api/v1/videos/${id}/comments?cursor=not-a-cursor`)).statusCode).toBe(400);
  });

  it('keeps the counts exact when replies and deletions race', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public');
    const thread = await comment(id, viewer.token, 'busy thread');
    const early = await Promise.all(
      Array.from({ length: 5 }, (_, n) => comment(id, owner.token, `r${n}`, thread.id)),
    );
    await Promise.all([
      ...early.slice(0, 3).map((reply) => remove(reply.id, owner.token)),
      ...Array.from({ length: 6 }, (_, n) => post(id, viewer.token, `late ${n}`, thread.id)),
      ...Array.from({ length: 4 }, (_, n) => post(id, viewer.token, `new thread ${n}`)),
    ]);
    const db = test.platform.database.db;
    const stored = await db
      .selectFrom('comments')
      .select(['id', 'parent_id'])
      .where('video_id', '=', id)
      .execute();
    expect(stored).toHaveLength(1 + 2 + 6 + 4);
    expect((await threads(id)).items.find((item) => item.id === thread.id)?.replyCount).toBe(8);
    expect(await commentCount(id)).toBe(stored.length);
  });

  it("hides a private video's comments and replies from everyone but its owner", async () => {
    const id = await publishStandInVideo(test.platform, owner, 'private');
    const own = await comment(id, owner.token, 'note to self');
    expect((await get(`/api/v1/videos/${id}/comments`)).statusCode).toBe(404);
    expect((await get(`/api/v1/videos/${id}/comments`, viewer.token)).statusCode).toBe(404);
    expect((await get(`/api/v1/comments/${own.id}/replies`)).statusCode).toBe(404);
    expect((await post(id, viewer.token, 'sneaky')).statusCode).toBe(404);
    expect((await threads(id, '', owner.token)).items.map((item) => item.id)).toEqual([own.id]);
  });
});
