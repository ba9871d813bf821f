// Blocking a person from my channel: their new comments on my videos are refused, their earlier ones there
// hidden from everyone but them (and uncounted) without being deleted, and back when I unblock them.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, register } from '../support/accounts.js';
import {
  comment,
  commentCount,
  everyItem,
  postComment,
  replyBodies,
  threadBodies,
  threads,
} from '../support/comments.js';
import { publishStandInVideo } from '../support/published-videos.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let test: TestPlatform;
type Person = Awaited<ReturnType<typeof register>>;
let viewer: Person;
beforeAll(async () => {
  test = await startTestPlatform();
  viewer = await register(test.app);
});
afterAll(() => test.close());

interface BlockedJson {
  account: { id: string; handle: string; displayName: string };
  blockedAt: string;
}

const block = (owner: Person, accountId: string, method: 'PUT' | 'DELETE' = 'PUT') =>
  test.app.inject({ method, url: `/api/v1/me/blocked-accounts/${accountId}`, headers: bearer(owner.token) });
const blockedBy = (owner: Person) =>
  everyItem<BlockedJson>(test.app, '/api/v1/me/blocked-accounts', owner.token);

describe('channel blocks', () => {
  it("refuses a blocked person's new comments on my videos only, with blocked_by_channel, storing nothing", async () => {
    const [owner, blocked, elsewhere] = await Promise.all([
      register(test.app),
      register(test.app),
      register(test.app),
    ]);
    const mine = await publishStandInVideo(test.platform, owner, 'public');
    const theirs = await publishStandInVideo(test.platform, elsewhere, 'public');
    const thread = await comment(test.app, mine, owner.token, 'my thread');
    expect((await block(owner, blocked.id)).statusCode).toBe(204);

    for (const parentId of [undefined, thread.id]) {
      const refused = await postComment(test.app, mine, blocked.token, 'let me in', parentId);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('blocked_by_channel');
    }
    expect(await threadBodies(test.app, mine, blocked.token)).toEqual(['my thread']);
    expect(await replyBodies(test.app, thread.id, blocked.token)).toEqual([]);
    expect(await commentCount(test.app, mine)).toBe(1);
    await comment(test.app, theirs, blocked.token, 'fine elsewhere');
  });

  it('hides their earlier comments from everyone but them, uncounted, and shows them again once unblocked', async () => {
    const [owner, blocked] = await Promise.all([register(test.app), register(test.app)]);
    const [first, second] = await Promise.all([
      publishStandInVideo(test.platform, owner, 'public'),
      publishStandInVideo(test.platform, owner, 'public'),
    ]);
    const thread = await comment(test.app, first, viewer.token, 'a thread');
    await comment(test.app, first, blocked.token, 'rude reply', thread.id);
    await comment(test.app, first, blocked.token, 'rude thread');
    await comment(test.app, second, blocked.token, 'rude too');
    expect(await commentCount(test.app, first)).toBe(3);

    expect((await block(owner, blocked.id)).statusCode).toBe(204);
    for (const reader of [undefined, viewer.token, owner.token]) {
      expect(await threadBodies(test.app, first, reader)).toEqual(['a thread']);
      expect(await replyBodies(test.app, thread.id, reader)).toEqual([]);
      expect(await threadBodies(test.app, second, reader)).toEqual([]);
    }
    expect(await threadBodies(test.app, first, blocked.token)).toEqual(['rude thread', 'a thread']);
    expect(await replyBodies(test.app, thread.id, blocked.token)).toEqual(['rude reply']);
    expect((await threads(test.app, first))[0]?.replyCount).toBe(0);
    expect(await commentCount(test.app, first)).toBe(1);
    expect(await commentCount(test.app, second)).toBe(0);

    // Blocking again changes nothing.
    expect((await block(owner, blocked.id)).statusCode).toBe(204);
    expect(await commentCount(test.app, first)).toBe(1);

    expect((await block(owner, blocked.id, 'DELETE')).statusCode).toBe(204);
    expect(await threadBodies(test.app, first)).toEqual(['rude thread', 'a thread']);
    expect(await replyBodies(test.app, thread.id)).toEqual(['rude reply']);
    expect((await threads(test.app, first)).map((item) => item.replyCount)).toEqual([0, 1]);
    expect(await commentCount(test.app, first)).toBe(3);
    expect(await commentCount(test.app, second)).toBe(1);
    await comment(test.app, first, blocked.token, 'sorry');
  });

  it('keeps a thread whose only replies are hidden when its author deletes it', async () => {
    const [owner, blocked] = await Promise.all([register(test.app), register(test.app)]);
    const id = await publishStandInVideo(test.platform, owner, 'public');
    const thread = await comment(test.app, id, viewer.token, 'a thread');
    await comment(test.app, id, blocked.token, 'a hidden reply', thread.id);
    expect((await block(owner, blocked.id)).statusCode).toBe(204);
    const removed = await test.app.inject({
      method: 'DELETE',
      url: `/api/v1/comments/${thread.id}`,
      headers: bearer(viewer.token),
    });
    expect(removed.statusCode).toBe(204);
    expect(await commentCount(test.app, id)).toBe(0);

    expect((await block(owner, blocked.id, 'DELETE')).statusCode).toBe(204);
    expect(await replyBodies(test.app, thread.id)).toEqual(['a hidden reply']);
    expect(await commentCount(test.app, id)).toBe(1);
  });

  it('lists the people I blocked, most recent first, page by page, and forgets the unblocked', async () => {
    const owner = await register(test.app);
    const people = await Promise.all([register(test.app), register(test.app), register(test.app)]);
    for (const person of people) expect((await block(owner, person.id)).statusCode).toBe(204);
    expect((await block(owner, people[1]?.id ?? '', 'DELETE')).statusCode).toBe(204);

    const listed = await blockedBy(owner);
    expect(listed.map(({ account }) => account.handle)).toEqual([people[2]?.handle, people[0]?.handle]);
    expect(listed[0]?.account.id).toBe(people[2]?.id);
    expect(await blockedBy(viewer)).toEqual([]);
  });

  it('refuses blocking myself (409), an unknown account (404), a malformed id (400), and nobody (401)', async () => {
    const owner = await register(test.app);
    const self = await block(owner, owner.id);
    expect(self.statusCode).toBe(409);
    expect(self.json().error.code).toBe('cannot_block_yourself');
    const unknown = await block(owner, randomUUID());
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('account_not_found');
    expect((await block(owner, 'someone')).statusCode).toBe(400);
    const anonymous = await test.app.inject({
      method: 'PUT',
      url: `/api/v1/me/blocked-accounts/${viewer.id}`,
    });
    expect(anonymous.statusCode).toBe(401);
    expect(await blockedBy(owner)).toEqual([]);
  });
});
