// Comments held for approval: the owner lists them across all their videos, oldest first, and approves
// (everyone sees it, it counts, the thread's author hears of a reply) or deletes them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, register } from '../support/accounts.js';
import {
  type CommentJson,
  comment,
  commentCount,
  everyItem,
  replyBodies,
  setCommentPolicy,
  threadBodies,
  threads,
} from '../support/comments.js';
import { publishStandInVideo } from '../support/published-videos.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let test: TestPlatform;
type Person = Awaited<ReturnType<typeof register>>;
let owner: Person;
let viewer: Person;
let other: Person;
beforeAll(async () => {
  test = await startTestPlatform();
  [owner, viewer, other] = await Promise.all([register(test.app), register(test.app), register(test.app)]);
});
afterAll(() => test.close());

interface HeldJson {
  comment: CommentJson;
  video: { id: string; title: string };
}

const approve = (commentId: string, token?: string) =>
  test.app.inject({
    method: 'POST',
    url: `/api/v1/comments/${commentId}/approval`,
    headers: token ? bearer(token) : {},
  });
const heldOf = (person: Person) => everyItem<HeldJson>(test.app, '/api/v1/me/held-comments', person.token);

/** A fresh owner's video whose comments are held. */
async function heldVideo(person: Person): Promise<string> {
  const id = await publishStandInVideo(test.platform, person, 'public');
  expect((await setCommentPolicy(test.app, id, person.token, 'held')).statusCode).toBe(200);
  return id;
}

describe('held comments', () => {
  it('lists the held comments of all my videos, oldest first, with each video, page by page', async () => {
    const creator = await register(test.app);
    const [first, second] = [await heldVideo(creator), await heldVideo(creator)];
    const elsewhere = await heldVideo(owner);
    await comment(test.app, first, viewer.token, 'one');
    await comment(test.app, second, other.token, 'two');
    await comment(test.app, elsewhere, viewer.token, 'not for this creator');
    await comment(test.app, first, other.token, 'three');
    await comment(test.app, first, creator.token, 'mine, published');

    const held = await heldOf(creator);
    expect(held.map(({ comment: { body }, video }) => [body, video.id])).toEqual([
      ['one', first],
      ['two', second],
      ['three', first],
    ]);
    expect(held[0]?.video.title).toBe(`Video ${first}`);
    expect(held.every(({ comment: item }) => item.awaitingApproval)).toBe(true);
  });

  it('approves: everyone sees the comment, it counts, it leaves the list; approving again changes nothing', async () => {
    const id = await heldVideo(owner);
    const held = await comment(test.app, id, viewer.token, 'approve me');
    expect(await commentCount(test.app, id)).toBe(0);

    const approved = await approve(held.id, owner.token);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ id: held.id, awaitingApproval: false });
    expect(await threadBodies(test.app, id)).toEqual(['approve me']);
    expect((await threads(test.app, id, viewer.token))[0]?.awaitingApproval).toBe(false);
    expect(await commentCount(test.app, id)).toBe(1);
    expect((await heldOf(owner)).map(({ comment: item }) => item.id)).not.toContain(held.id);

    expect((await approve(held.id, owner.token)).statusCode).toBe(200);
    expect(await commentCount(test.app, id)).toBe(1);
  });

  it("approves a held reply: its thread counts it and the thread's author is told then, not before", async () => {
    const id = await heldVideo(owner);
    const thread = await comment(test.app, id, owner.token, 'what do you think?');
    const unread = async () =>
      (await test.app.inject({ url: '/api/v1/me/notifications', headers: bearer(owner.token) })).json()
        .unreadCount as number;
    const before = await unread();
    const reply = await comment(test.app, id, viewer.token, 'I think so', thread.id);
    expect((await threads(test.app, id))[0]?.replyCount).toBe(0);
    expect(await unread()).toBe(before);

    expect((await approve(reply.id, owner.token)).statusCode).toBe(200);
    expect(await replyBodies(test.app, thread.id)).toEqual(['I think so']);
    expect((await threads(test.app, id))[0]?.replyCount).toBe(1);
    expect(await commentCount(test.app, id)).toBe(2);
    expect(await unread()).toBe(before + 1);
  });

  it("answers only the video's owner: its author 403, anyone else 404, nobody 401, a bad id 400", async () => {
    const id = await heldVideo(owner);
    const held = await comment(test.app, id, viewer.token, 'held');
    const byAuthor = await approve(held.id, viewer.token);
    expect(byAuthor.statusCode).toBe(403);
    expect(byAuthor.json().error.code).toBe('not_video_owner');
    expect((await approve(held.id, other.token)).statusCode).toBe(404);
    expect((await approve(held.id)).statusCode).toBe(401);
    expect((await approve('not-a-uuid', owner.token)).statusCode).toBe(400);
    expect(await threadBodies(test.app, id, other.token)).toEqual([]);
    expect(await commentCount(test.app, id)).toBe(0);
  });

  it('the owner deletes a held comment: it is gone, from the list too, and no count moves', async () => {
    const id = await heldVideo(owner);
    const held = await comment(test.app, id, viewer.token, 'spam spam');
    const removed = await test.app.inject({
      method: 'DELETE',
      url: `/api/v1/comments/${held.id}`,
      headers: bearer(owner.token),
    });
    expect(removed.statusCode).toBe(204);
    expect(await threadBodies(test.app, id, viewer.token)).toEqual([]);
    expect((await heldOf(owner)).map(({ comment: item }) => item.id)).not.toContain(held.id);
    expect(await commentCount(test.app, id)).toBe(0);
    expect((await approve(held.id, owner.token)).statusCode).toBe(404);
  });

  it('refuses a cursor it did not give, and nobody signed in', async () => {
    const bad = await test.app.inject({
      url: '/api/v1/me/held-comments?cursor=forged',
      headers: bearer(owner.token),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_input');
    expect((await test.app.inject({ url: '/api/v1/me/held-comments' })).statusCode).toBe(401);
  });
});
