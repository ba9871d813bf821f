// A video's comment policy: open by default, closed (new comments refused, the others hidden but kept),
// held (new comments wait for the owner's approval, seen meanwhile by their author and the owner).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from '../support/accounts.js';
import {
  comment,
  commentCount,
  postComment,
  replyBodies,
  setCommentPolicy,
  threadBodies,
  threads,
} from '../support/comments.js';
import { publishStandInVideo } from '../support/published-videos.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let test: TestPlatform;
let owner: Awaited<ReturnType<typeof register>>;
let viewer: Awaited<ReturnType<typeof register>>;
let other: Awaited<ReturnType<typeof register>>;
beforeAll(async () => {
  test = await startTestPlatform();
  [owner, viewer, other] = await Promise.all([register(test.app), register(test.app), register(test.app)]);
});
afterAll(() => test.close());

const videoOf = (id: string) => test.app.inject({ url: `/api/v1/videos/${id}` });

describe('comment policy', () => {
  it('is open by default and changed by the owner only, to one of the three policies', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public');
    expect((await videoOf(id)).json().commentPolicy).toBe('open');

    const changed = await setCommentPolicy(test.app, id, owner.token, 'held');
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().commentPolicy).toBe('held');
    expect((await videoOf(id)).json().commentPolicy).toBe('held');

    for (const policy of ['off', '', null, 1]) {
      const refused = await setCommentPolicy(test.app, id, owner.token, policy);
      expect(refused.statusCode, String(policy)).toBe(400);
      expect(refused.json().error.code).toBe('invalid_input');
    }
    const stranger = await setCommentPolicy(test.app, id, viewer.token, 'closed');
    expect(stranger.statusCode).toBe(403);
    expect((await videoOf(id)).json().commentPolicy).toBe('held');
  });

  it('closed: refuses new comments with comments_closed, stores nothing, hides the others until reopened', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public');
    const thread = await comment(test.app, id, viewer.token, 'before closing');
    await comment(test.app, id, other.token, 'a reply before closing', thread.id);
    expect((await setCommentPolicy(test.app, id, owner.token, 'closed')).statusCode).toBe(200);

    for (const [token, parentId] of [
      [viewer.token, undefined],
      [owner.token, undefined],
      [other.token, thread.id],
    ] as const) {
      const refused = await postComment(test.app, id, token, 'after closing', parentId);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('comments_closed');
    }
    expect(await threadBodies(test.app, id)).toEqual([]);
    expect(await threadBodies(test.app, id, owner.token)).toEqual([]);
    expect(await replyBodies(test.app, thread.id)).toEqual([]);
    expect(await commentCount(test.app, id)).toBe(2);

    expect((await setCommentPolicy(test.app, id, owner.token, 'open')).statusCode).toBe(200);
    expect(await threadBodies(test.app, id)).toEqual(['before closing']);
    expect(await replyBodies(test.app, thread.id)).toEqual(['a reply before closing']);
  });

  it('held: a new comment shows to its author (awaiting approval) and the owner, to nobody else, uncounted', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public');
    const published = await comment(test.app, id, other.token, 'before holding');
    expect((await setCommentPolicy(test.app, id, owner.token, 'held')).statusCode).toBe(200);

    const held = await comment(test.app, id, viewer.token, 'please approve me');
    expect(held.awaitingApproval).toBe(true);
    const heldReply = await comment(test.app, id, viewer.token, 'a held reply', published.id);
    expect(heldReply.awaitingApproval).toBe(true);

    const mine = await threads(test.app, id, viewer.token);
    expect(mine.map((item) => [item.body, item.awaitingApproval])).toEqual([
      ['please approve me', true],
      ['before holding', false],
    ]);
    expect(await threadBodies(test.app, id, owner.token)).toEqual(['please approve me', 'before holding']);
    expect(await threadBodies(test.app, id, other.token)).toEqual(['before holding']);
    expect(await threadBodies(test.app, id)).toEqual(['before holding']);
    expect(await replyBodies(test.app, published.id)).toEqual([]);
    expect(await replyBodies(test.app, published.id, viewer.token)).toEqual(['a held reply']);
    expect(await replyBodies(test.app, published.id, owner.token)).toEqual(['a held reply']);
    expect((await threads(test.app, id)).map((item) => item.replyCount)).toEqual([0]);
    expect(await commentCount(test.app, id)).toBe(1);

    // Others cannot reach a held comment through its own routes either, nor reply to it.
    const replies = await test.app.inject({ url: `/api/v1/comments/${held.id}/replies` });
    expect(replies.statusCode).toBe(404);
    const reply = await postComment(test.app, id, other.token, 'a reply to what I cannot see', held.id);
    expect(reply.statusCode).toBe(404);
    expect(await replyBodies(test.app, held.id, owner.token)).toEqual([]);
  });

  it("held: the owner's own comments are published at once", async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public');
    expect((await setCommentPolicy(test.app, id, owner.token, 'held')).statusCode).toBe(200);
    const own = await comment(test.app, id, owner.token, 'pinned note');
    expect(own.awaitingApproval).toBe(false);
    expect(await threadBodies(test.app, id)).toEqual(['pinned note']);
    expect(await commentCount(test.app, id)).toBe(1);
  });

  it('held: the author deletes their held comment and no count moves', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public');
    expect((await setCommentPolicy(test.app, id, owner.token, 'held')).statusCode).toBe(200);
    const held = await comment(test.app, id, viewer.token, 'never mind');
    const removed = await test.app.inject({
      method: 'DELETE',
      url: `/api/v1/comments/${held.id}`,
      headers: { authorization: `Bearer ${viewer.token}` },
    });
    expect(removed.statusCode).toBe(204);
    expect(await threadBodies(test.app, id, viewer.token)).toEqual([]);
    expect(await commentCount(test.app, id)).toBe(0);
  });
});
